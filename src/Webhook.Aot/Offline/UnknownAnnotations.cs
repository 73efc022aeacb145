using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.GoSidecar;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;

namespace Webhook.Offline;

/// <summary>
/// Pod annotations under <c>instrumentation.opentelemetry.io/</c> that the webhook does not read: a misspelt key or a
/// language it has no annotation for (<c>inject-pyhton</c>, <c>inject-deno</c>) asks for nothing, silently.
/// </summary>
public static class UnknownAnnotations
{
    private static readonly string[] s_known = Known();

    private static readonly string s_injectKeys = string.Join(", ", InjectionTable.All.Select(language => InstrumentationSelector.ShortKey(language.InjectAnnotation)));

    /// <summary>One message per unknown key, in key order, each naming the pod field as the engine's warnings do.</summary>
    public static List<string> In(PodView pod) =>
        pod.Annotations.Keys
            .Where(key => key.StartsWith(InjectionTable.AnnotationPrefix, StringComparison.Ordinal) && !s_known.Contains(key, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(key => "metadata.annotations[" + key + "]: not an annotation the webhook reads, so it asks for nothing; " + Hint(key))
            .ToList();

    private static string Hint(string key) => Suggestions.Closest(key, s_known) is { } closest
        ? "did you mean " + closest + "?"
        : "the inject annotations are " + s_injectKeys + " (inject-sdk for a runtime with its own SDK, such as Deno)";

    private static string[] Known()
    {
        var known = new List<string> { InjectionTable.ContainerNamesAnnotation, GoSidecarHook.TargetExeAnnotation, InjectedMarker.AnnotationName };
        foreach (var language in InjectionTable.All)
        {
            known.Add(language.InjectAnnotation);
            known.Add(language.ContainerNamesAnnotation);
            if (language.Platform is { } platform)
            {
                known.Add(platform.Annotation);
            }
        }

        return [.. known];
    }
}
