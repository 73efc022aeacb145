using Webhook.Injection;
using Webhook.Injection.GoSidecar;
using Webhook.Injection.Sdk;
using Webhook.Injection.Table;
using Webhook.Injection.WebServers;

namespace Webhook.Doctor;

/// <summary>
/// Whether a pod got one language's injection, and from what: the pod's <see cref="InjectedMarker"/> entry, or, for
/// pods made before the marker existed, the container the injection table names for the language (its init
/// container, the Go sidecar, the web servers' agent init containers; the SDK's node-name variable).
/// </summary>
internal readonly record struct PodInjection(bool Injected, InjectedMarker.Entry? Entry, string? Image)
{
    public static PodInjection Of(PodState pod, LanguageRule language, out string? problem)
    {
        var entries = InjectedMarker.Read(pod.Meta.Annotations.GetValueOrDefault(InjectedMarker.AnnotationName), out problem);
        if (entries.FindLast(e => e.Language == language.Name) is { } entry)
        {
            return new PodInjection(true, entry, entry.Image);
        }

        if (entries.Count > 0 && problem is null)
        {
            // The marker lists every language the webhook injected into this pod: this one is not among them.
            return default;
        }

        var container = language.Hook switch
        {
            InjectionHook.GoSidecar => pod.Containers.FirstOrDefault(static c => c.Name == GoSidecarHook.SidecarName),
            InjectionHook.ApacheHttpd => pod.InitContainers.FirstOrDefault(static c => c.Name == ApacheHttpdHook.AgentContainerName),
            InjectionHook.Nginx => pod.InitContainers.FirstOrDefault(static c => c.Name == NginxHook.AgentContainerName),
            _ when language.InitContainer is { } init => pod.InitContainers.FirstOrDefault(c => c.Name == init.Name),
            _ => pod.Containers.FirstOrDefault(static c => c.EnvNames.Contains(SdkEnv.NodeNameEnv)),
        };
        return container is null ? default : new PodInjection(true, null, language.SpecField is null ? null : container.Image);
    }
}
