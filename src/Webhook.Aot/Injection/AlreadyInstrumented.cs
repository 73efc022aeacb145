using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Text;

namespace Webhook.Injection;

/// <summary>The operator's "already instrumented" check (shared spec §9): such a pod gets no patch at all.</summary>
public static class AlreadyInstrumented
{
    private static readonly string[] s_initContainers =
    [
        "opentelemetry-auto-instrumentation-dotnet", "opentelemetry-auto-instrumentation-java", "opentelemetry-auto-instrumentation-nodejs",
        "opentelemetry-auto-instrumentation-python", "otel-agent-attach-apache", "otel-agent-source-container-clone",
    ];

    public const string GoSidecarName = "opentelemetry-auto-instrumentation";
    private const string CollectorSidecarName = "otc-container";

    /// <summary>
    /// Why the pod counts as instrumented, or null. <paramref name="byInjection"/> tells our artifacts from a user's env
    /// var; a pod carrying our <see cref="InjectedMarker"/> annotation (<paramref name="marked"/>) was injected by us, so its env vars are ours.
    /// </summary>
    public static string? Reason(PodView pod, bool marked, out bool byInjection)
    {
        byInjection = true;
        foreach (var init in pod.InitContainers)
        {
            if (Array.IndexOf(s_initContainers, init.Name) >= 0)
            {
                return "init container \"" + init.Name + "\" present";
            }
        }

        foreach (var container in pod.Containers)
        {
            if (container.Name == GoSidecarName)
            {
                return "container \"" + GoSidecarName + "\" present";
            }
        }

        foreach (var container in pod.Containers)
        {
            if (container.Name != CollectorSidecarName && EnvList.Contains(container.Env, SdkEnv.NodeNameEnv))
            {
                byInjection = marked;
                return "container " + EchoedText.Quote(container.Name) + " sets " + SdkEnv.NodeNameEnv;
            }
        }

        return null;
    }
}
