using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.GoSidecar;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Injection.Snapshot;

namespace Webhook.Offline;

/// <summary>
/// For <c>--explain</c>: the pod's <c>otel-go-auto-target-exe</c> annotation wins over an <c>OTEL_GO_AUTO_TARGET_EXE</c>
/// the Instrumentation sets (the guide sets both in places), so the value in the Instrumentation is not what runs.
/// </summary>
public static class GoTargetOverride
{
    public static string? Of(PodView pod, string ns, InstrumentationSnapshot snapshot)
    {
        var go = InjectionTable.All.First(static language => language.Language == Language.Go);
        var value = EffectiveValue.Of(pod.Annotation(go.InjectAnnotation), snapshot.NamespaceAnnotation(ns, go.InjectAnnotation));
        if (!EffectiveValue.Asks(value)
            || pod.Annotation(GoSidecarHook.TargetExeAnnotation) is not { } annotation || Selected(value, ns, snapshot) is not { } instrumentation)
        {
            return null;
        }

        foreach (var (field, env) in (ReadOnlySpan<(string, List<EnvVar>?)>)[("spec.go.env", instrumentation.Spec?.Go?.Env), ("spec.env", instrumentation.Spec?.Env)])
        {
            if (env?.Find(static e => e.Name == GoSidecarHook.TargetExeEnv) is { Value: { } fromInstrumentation })
            {
                return "go: the annotation " + GoSidecarHook.TargetExeAnnotation + " \"" + annotation + "\" overrides " + GoSidecarHook.TargetExeEnv
                    + " \"" + fromInstrumentation + "\" in " + field + " of Instrumentation " + instrumentation.Metadata?.Namespace + "/"
                    + instrumentation.Metadata?.Name + "; the sidecar watches \"" + annotation + "\"";
            }
        }

        return null;
    }

    private static Instrumentation? Selected(string value, string ns, InstrumentationSnapshot snapshot)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var candidates = snapshot.InNamespace(ns);
            return candidates.Count == 1 ? candidates[0] : null;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? snapshot.Find(value[..slash], value[(slash + 1)..]) : snapshot.Find(ns, value);
    }
}
