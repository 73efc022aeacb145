using Webhook.Crd;
using Webhook.Injection.Text;

namespace Webhook.Injection.Selection;

/// <summary>Finds the Instrumentation an inject annotation value names (shared spec §4.3).</summary>
public static class InstrumentationSelector
{
    /// <summary>
    /// The Instrumentation for <paramref name="value"/> ("true", "name" or "namespace/name"), or null with
    /// <paramref name="problem"/> saying why, shaped as an admission warning.
    /// </summary>
    public static Instrumentation? Select(InjectionContext context, LanguageRule language, string value, out string? problem)
    {
        problem = null;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var candidates = context.Snapshot.InNamespace(context.Namespace);
            switch (candidates.Count)
            {
                case 1:
                    return candidates[0];
                case 0:
                    problem = Where(language) + ": no Instrumentation in namespace " + EchoedText.Quote(context.Namespace)
                        + "; pod admitted unchanged; create one, then recreate the pod";
                    return null;
                default:
                    problem = Where(language) + ": " + candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        + " Instrumentations in namespace " + EchoedText.Quote(context.Namespace) + "; pod admitted unchanged; name one instead of \"true\"";
                    return null;
            }
        }

        var slash = value.IndexOf('/');
        var ns = slash >= 0 ? TextCache.Slice(value, 0, slash) : context.Namespace;
        var name = slash >= 0 ? TextCache.Slice(value, slash + 1, value.Length - slash - 1) : value;
        var found = context.Snapshot.Find(ns, name);
        if (found is null)
        {
            problem = Where(language) + ": no Instrumentation " + EchoedText.Quote(name) + " in namespace " + EchoedText.Quote(ns) + "; pod admitted unchanged";
        }

        return found;
    }

    private static string Where(LanguageRule language) => "metadata.annotations[" + ShortKey(language.InjectAnnotation) + "]";

    /// <summary><c>instrumentation.opentelemetry.io/inject-java</c> → <c>inject-java</c>, to keep warnings short.</summary>
    public static string ShortKey(string annotation)
        => annotation.StartsWith(InjectionTable.AnnotationPrefix, StringComparison.Ordinal) ? annotation[InjectionTable.AnnotationPrefix.Length..] : annotation;
}
