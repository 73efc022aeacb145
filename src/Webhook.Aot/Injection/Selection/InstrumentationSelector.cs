using Webhook.Crd;
using Webhook.Injection.Table;
using Webhook.Injection.Text;
using Webhook.Text;

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
                        + "; pod admitted unchanged; create one, then recreate the pod"
                        + (context.Snapshot.Listing is { } elsewhere ? " (or name one of another namespace as \"namespace/name\": " + elsewhere + ")" : "");
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

    /// <summary>
    /// The warning for a pod that takes <paramref name="instrumentation"/> from a namespace other than its own, or
    /// null: that Instrumentation's settings, plain env values such as exporter headers included, end up in this pod.
    /// Allowed, it is said; with <see cref="InjectionSettings.AllowCrossNamespace"/> off, the language is left out and
    /// the warning says so. Built from the text cache: pods of a workload that does this allocate nothing for it.
    /// </summary>
    public static string? CrossNamespace(InjectionContext context, LanguageRule language, Instrumentation instrumentation)
    {
        var ns = instrumentation.Metadata?.Namespace ?? "";
        if (ns.Equals(context.Namespace, StringComparison.Ordinal))
        {
            return null;
        }

        var key = language.InjectAnnotation;
        var start = key.StartsWith(InjectionTable.AnnotationPrefix, StringComparison.Ordinal) ? InjectionTable.AnnotationPrefix.Length : 0;
        var where = TextCache.Slice(key, start, key.Length - start);
        var name = instrumentation.Metadata?.Name ?? "";
        return context.Settings.AllowCrossNamespace
            ? TextCache.Concat("metadata.annotations[", where, "]: takes Instrumentation \"", ns, "/", name, "\" from namespace \"", ns,
                "\", not the pod's namespace \"", context.Namespace, "\": its settings, plain env values included, go into this pod; to refuse references across namespaces, run the webhook with ",
                InjectionSettings.CrossNamespaceFlag, "=deny")
            : TextCache.Concat("metadata.annotations[", where, "]: Instrumentation \"", ns, "/", name, "\" is in namespace \"", ns,
                "\", not the pod's namespace \"", context.Namespace, "\", and this webhook refuses references across namespaces (", InjectionSettings.CrossNamespaceFlag,
                "=deny); pod admitted without ", language.DisplayName, " injection; create an Instrumentation in namespace \"", context.Namespace, "\" and name it instead");
    }

    private static string Where(LanguageRule language) => "metadata.annotations[" + ShortKey(language.InjectAnnotation) + "]";

    /// <summary><c>instrumentation.opentelemetry.io/inject-java</c> → <c>inject-java</c>, to keep warnings short.</summary>
    public static string ShortKey(string annotation)
        => annotation.StartsWith(InjectionTable.AnnotationPrefix, StringComparison.Ordinal) ? annotation[InjectionTable.AnnotationPrefix.Length..] : annotation;
}
