using Webhook.Crd;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;
using Webhook.Text;

namespace Webhook.Injection.GoSidecar;

/// <summary>
/// Why the Go sidecar cannot be added to a pod (shared spec §8.5 steps 2–4 and 9), as an admission warning; null
/// when it can. The operator learns about a missing target executable only after building the sidecar and then
/// reverts it; the sidecar's env can only get that variable from the annotation, <c>spec.go.env</c> or
/// <c>spec.env</c>, so checking those first gives the same pod.
/// </summary>
public static class GoPrerequisites
{
    public static string? Problem(InjectionContext context, SelectedLanguage selected, ContainerView? target, Go go)
    {
        var pod = context.Pod;
        if (target is { IsInit: true })
        {
            return "initContainers[" + EchoedText.Cut(target.Name) + "]: Go cannot watch an init container, not injected; name a regular container";
        }

        if (pod.ShareProcessNamespace == false)
        {
            return "spec.shareProcessNamespace: false hides the app's process from Go, not injected; remove it or set it true";
        }

        // The operator reads only the pod's own annotation here, never the namespace's.
        var namesKey = context.Settings.MultiInstrumentation ? selected.Rule.ContainerNamesAnnotation : InjectionTable.ContainerNamesAnnotation;
        if (pod.Annotation(namesKey) is { } names && names.Contains(','))
        {
            return "metadata.annotations[" + InstrumentationSelector.ShortKey(namesKey) + "]: Go watches one container, not " + EchoedText.Quote(names)
                + "; not injected, name one";
        }

        if (!pod.Annotations.ContainsKey(GoSidecarHook.TargetExeAnnotation) && !SdkEnv.Names(go.Env, GoSidecarHook.TargetExeEnv)
            && !SdkEnv.Names(selected.Instrumentation.Spec?.Env, GoSidecarHook.TargetExeEnv))
        {
            return GoSidecarHook.TargetExeAnnotation + ": missing, Go not injected; set it to the app's executable path, or set OTEL_GO_AUTO_TARGET_EXE in the Instrumentation's spec.go.env";
        }

        return null;
    }
}
