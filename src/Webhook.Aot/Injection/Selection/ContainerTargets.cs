using Webhook.Injection.Pods;
using Webhook.Text;

namespace Webhook.Injection.Selection;

/// <summary>Which containers a language goes into (shared spec §6.1).</summary>
public static class ContainerTargets
{
    /// <summary>
    /// The named containers (regular first, then init containers), or the first regular container when none are
    /// named. Ordered init containers first by their index, then regular ones in the order named. A name is used once;
    /// names that match no container are reported in one warning (the operator ignores them silently). The list is the
    /// context's <see cref="InjectionContext.Targets"/>, refilled on each call. Linear in the names and containers:
    /// long lists are looked up through tables of names compared as spans (<see cref="NameLookup"/>).
    /// </summary>
    public static List<ContainerView> Resolve(InjectionContext context, SelectedLanguage language)
    {
        var pod = context.Pod;
        var targets = context.Targets;
        targets.Clear();
        if (language.ContainerNames.Count == 0)
        {
            if (pod.Containers.Count > 0)
            {
                targets.Add(pod.Containers[0]);
            }

            return targets;
        }

        var lookup = new NameLookup(context, language.ContainerNames);
        var unmatched = context.UnmatchedNames;
        unmatched.Clear();
        var unmatchedCount = 0;
        var anyInit = false;
        foreach (var name in language.ContainerNames)
        {
            if (!lookup.IsFirst(name))
            {
                continue;
            }

            if (lookup.Find(name.Text) is not { } container)
            {
                // The warning names the first few and counts the rest: only those become strings.
                if (unmatched.Count < EchoedText.MaxListed)
                {
                    unmatched.Add(name.ToText());
                }

                unmatchedCount++;
                continue;
            }

            anyInit |= container.IsInit;
            targets.Add(container);
        }

        if (anyInit)
        {
            InitContainersFirst(targets);
        }

        if (unmatchedCount > 0)
        {
            WarnUnmatched(context, language, unmatched, unmatchedCount);
        }

        return targets;
    }

    /// <summary>Init containers go first, by their index; regular ones keep the order they were named in.</summary>
    private static void InitContainersFirst(List<ContainerView> targets)
    {
        var all = targets.ToArray();
        targets.Clear();
        foreach (var target in all)
        {
            if (target.IsInit)
            {
                targets.Add(target);
            }
        }

        targets.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        foreach (var target in all)
        {
            if (!target.IsInit)
            {
                targets.Add(target);
            }
        }
    }

    private static void WarnUnmatched(InjectionContext context, SelectedLanguage language, List<string> unmatched, int count)
    {
        var message = count == 1
            ? "metadata.annotations[container-names]: no container " + EchoedText.Quote(unmatched[0]) + " in the pod; " + language.Rule.DisplayName + " skips it"
            : "metadata.annotations[container-names]: no containers " + EchoedText.List(unmatched, 0, count) + " in the pod; "
                + language.Rule.DisplayName + " skips them";
        context.Warn(WarningReason.ContainerNotFound, message);
    }
}
