using Webhook.Crd;
using Webhook.Documents;

namespace Webhook.Instrumentations;

/// <summary>
/// An Instrumentation read from a document, defaults applied, with what was wrong (errors: not usable) and what
/// deserves attention (warnings: usable).
/// </summary>
public sealed class LoadedInstrumentation
{
    public LoadedInstrumentation(SourceDocument document, Instrumentation? instrumentation, IReadOnlyList<DocumentProblem> errors, IReadOnlyList<DocumentProblem> warnings)
    {
        Document = document;
        Instrumentation = instrumentation;
        Errors = errors;
        Warnings = warnings;
    }

    public SourceDocument Document { get; }

    /// <summary>The resource as injection will use it; null when it has errors.</summary>
    public Instrumentation? Instrumentation { get; }

    public IReadOnlyList<DocumentProblem> Errors { get; }

    public IReadOnlyList<DocumentProblem> Warnings { get; }

    public bool IsValid => Errors.Count == 0;
}
