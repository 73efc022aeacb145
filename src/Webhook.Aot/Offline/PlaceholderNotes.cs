using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.GoSidecar;
using Webhook.Injection.Pods;
using Webhook.Instrumentations;

namespace Webhook.Offline;

/// <summary>
/// Values copied from documentation without being filled in: <c>&lt;your-endpoint&gt;</c>, <c>/path/to/app</c>. They are
/// valid strings, so nothing else objects; the agent then exports to nowhere or the Go sidecar watches no process.
/// </summary>
public static class PlaceholderNotes
{
    private const string GoTargetEnv = "OTEL_GO_AUTO_TARGET_EXE";

    public static bool IsPlaceholder(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var open = value.IndexOf('<', StringComparison.Ordinal);
        return value.Contains("/path/to/", StringComparison.Ordinal) || (open >= 0 && value.IndexOf('>', open + 1) > open + 1);
    }

    /// <summary>The endpoint and every env value of the Instrumentation, with file and line.</summary>
    public static List<DocumentProblem> Of(SourceDocument document, Instrumentation instrumentation)
    {
        var notes = new List<DocumentProblem>();
        var spec = instrumentation.Spec;
        Check(notes, document, "spec.exporter.endpoint", spec?.Exporter?.Endpoint);
        CheckEnv(notes, document, "spec.env", spec?.Env);
        foreach (var language in InjectionTable.All)
        {
            if (language.SpecField is { } field)
            {
                CheckEnv(notes, document, "spec." + field + ".env", spec?.Language(field)?.Env);
            }
        }

        return notes;
    }

    /// <summary>The Go target executable the pod names, as the engine's warnings name pod fields.</summary>
    public static List<string> Of(PodView pod)
    {
        var notes = new List<string>();
        if (pod.Annotation(GoSidecarHook.TargetExeAnnotation) is { } target && IsPlaceholder(target))
        {
            notes.Add("metadata.annotations[" + GoSidecarHook.TargetExeAnnotation + "]: \"" + target
                + "\" looks like a placeholder from documentation; set the path of the application's executable inside its container");
        }

        return notes;
    }

    private static void CheckEnv(List<DocumentProblem> notes, SourceDocument document, string path, IReadOnlyList<EnvVar>? env)
    {
        for (var i = 0; env is not null && i < env.Count; i++)
        {
            Check(notes, document, path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].value", env[i].Value,
                env[i].Name == GoTargetEnv ? "the path of the application's executable inside its container" : null);
        }
    }

    private static void Check(List<DocumentProblem> notes, SourceDocument document, string path, string? value, string? what = null)
    {
        if (IsPlaceholder(value))
        {
            notes.Add(DocumentProblem.At(document, path, "\"" + value + "\" looks like a placeholder from documentation; set "
                + (what ?? "the real value")));
        }
    }
}
