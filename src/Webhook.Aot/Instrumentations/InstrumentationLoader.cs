using Webhook.Crd;
using Webhook.Documents;

namespace Webhook.Instrumentations;

/// <summary>
/// Turns a document into a usable Instrumentation: the schema check (as strict as the API server), then the
/// operator's defaults, then its validation. A resource with any error is reported whole and never half-used.
/// </summary>
public sealed class InstrumentationLoader
{
    private readonly ImageDefaults _images;

    public InstrumentationLoader(ImageDefaults images) => _images = images;

    public static bool IsInstrumentation(SourceDocument document) => document.Kind == Instrumentation.SchemaKind;

    public LoadedInstrumentation Load(SourceDocument document)
    {
        var errors = new List<DocumentProblem>();
        var warnings = new List<DocumentProblem>();
        if (document.ApiVersion != Instrumentation.SchemaApiVersion)
        {
            errors.Add(DocumentProblem.At(document, "apiVersion",
                "\"" + document.ApiVersion + "\" is not served for kind Instrumentation; use " + Instrumentation.SchemaApiVersion));
        }

        var context = new ModelReadContext();
        var instrumentation = Instrumentation.ReadDocument(document.Json, context);
        foreach (var error in context.Errors)
        {
            errors.Add(DocumentProblem.At(document, error.Path, error.Message));
        }

        if (string.IsNullOrEmpty(instrumentation?.Metadata?.Name))
        {
            errors.Add(DocumentProblem.At(document, "metadata.name", "required field is missing; every Instrumentation needs a name"));
        }

        if (instrumentation is null || errors.Count > 0)
        {
            return new LoadedInstrumentation(document, null, errors, warnings);
        }

        InstrumentationDefaulter.Apply(instrumentation, _images);
        var validation = InstrumentationValidator.Validate(instrumentation, _images);
        foreach (var error in validation.Errors)
        {
            errors.Add(DocumentProblem.At(document, error.Path, error.Message));
        }

        foreach (var warning in validation.Warnings)
        {
            warnings.Add(DocumentProblem.At(document, warning.Path, warning.Message));
        }

        return new LoadedInstrumentation(document, errors.Count == 0 ? instrumentation : null, errors, warnings);
    }
}
