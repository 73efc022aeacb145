using Webhook.Injection.Pods;

namespace Webhook.Injection.Selection;

/// <summary>Which containers a language goes into (shared spec §6.1).</summary>
public static class ContainerTargets
{
    /// <summary>
    /// The named containers (regular first, then init containers), or the first regular container when none are
    /// named. Ordered init containers first by their index, then regular ones in the order named. A name is used once;
    /// a name that matches no container is reported (the operator ignores it silently). The list is the context's
    /// <see cref="InjectionContext.Targets"/>, refilled on each call.
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

        var names = language.ContainerNames;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (names.IndexOf(name) < i)
            {
                continue;
            }

            var container = pod.FindContainer(name);
            if (container is null)
            {
                context.Warn(WarningReason.ContainerNotFound, "metadata.annotations[container-names]: no container " + WarningText.Quote(name) + " in the pod; "
                    + language.Rule.DisplayName + " skips it");
                continue;
            }

            if (!container.IsInit)
            {
                targets.Add(container);
                continue;
            }

            // Init containers go first, by their index: insert before the first regular one or the first later init one.
            var at = 0;
            while (at < targets.Count && targets[at].IsInit && targets[at].Index < container.Index)
            {
                at++;
            }

            targets.Insert(at, container);
        }

        return targets;
    }
}
