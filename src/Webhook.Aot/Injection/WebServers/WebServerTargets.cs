using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Text;

namespace Webhook.Injection.WebServers;

/// <summary>The containers a web server module goes into: the language's targets without init containers, which it cannot serve.</summary>
public static class WebServerTargets
{
    /// <summary>The targets, init containers dropped with a warning each; the list is the context's <see cref="InjectionContext.Targets"/>.</summary>
    public static List<ContainerView> Resolve(InjectionContext context, SelectedLanguage selected)
    {
        var targets = ContainerTargets.Resolve(context, selected);
        var kept = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (target.IsInit)
            {
                context.Warn(WarningReason.ContainerSkipped, "initContainers[" + EchoedText.Cut(target.Name) + "]: " + selected.Rule.DisplayName
                    + " cannot go into an init container, skipped; name a regular container");
                continue;
            }

            targets[kept++] = target;
        }

        targets.RemoveRange(kept, targets.Count - kept);
        return targets;
    }

    /// <summary>The operator loads the module only in the first container and gives the others the SDK env alone.</summary>
    public static void WarnFirstOnly(InjectionContext context, SelectedLanguage selected, List<ContainerView> targets)
    {
        if (targets.Count > 1)
        {
            context.Warn(WarningReason.WebServerFirstContainerOnly, "metadata.annotations[container-names]: " + selected.Rule.DisplayName
                + " module only in " + EchoedText.Quote(targets[0].Name) + ", others get env only; name one container");
        }
    }
}
