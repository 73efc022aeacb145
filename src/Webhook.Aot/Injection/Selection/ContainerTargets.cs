using Webhook.Injection.Pods;

namespace Webhook.Injection.Selection;

/// <summary>Which containers a language goes into (shared spec §6.1).</summary>
public static class ContainerTargets
{
    /// <summary>
    /// The named containers (regular first, then init containers), or the first regular container when none are
    /// named. Ordered init containers first by their index, then regular ones in the order named. A name is used once;
    /// a name that matches no container is reported (the operator ignores it silently).
    /// </summary>
    public static List<ContainerView> Resolve(InjectionContext context, SelectedLanguage language)
    {
        var pod = context.Pod;
        var names = language.ContainerNames.Count > 0 ? language.ContainerNames : pod.Containers.Count > 0 ? [pod.Containers[0].Name] : [];
        var init = new List<ContainerView>();
        var regular = new List<ContainerView>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var container = pod.FindContainer(name);
            if (container is null)
            {
                context.Warn(WarningReason.ContainerNotFound, "metadata.annotations[container-names]: no container " + WarningText.Quote(name) + " in the pod; "
                    + language.Rule.DisplayName + " skips it");
                continue;
            }

            (container.IsInit ? init : regular).Add(container);
        }

        init.Sort((a, b) => a.Index.CompareTo(b.Index));
        init.AddRange(regular);
        return init;
    }
}
