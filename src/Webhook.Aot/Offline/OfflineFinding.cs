using Webhook.Documents;
using Webhook.Injection;
using Webhook.Instrumentations;

namespace Webhook.Offline;

/// <summary>
/// One thing <c>validate</c> or <c>inject</c> tells: <see cref="Text"/> is the line people read on standard error,
/// the other members the same finding for <c>-o json</c>.
/// </summary>
public sealed record OfflineFinding(FindingKind Kind, string Text, string Message)
{
    public string? File { get; init; }

    /// <summary>1-based, as the text says <c>document 2</c>; null when the finding is about a whole file or input.</summary>
    public int? Document { get; init; }

    /// <summary>1-based; null when unknown.</summary>
    public int? Line { get; init; }

    /// <summary>The field the finding is about (<c>spec.exporter.endpoint</c>); null when it is about the document.</summary>
    public string? Path { get; init; }

    /// <summary>For <see cref="FindingKind.InjectionWarning"/>: the engine's reason, which gives the code.</summary>
    public WarningReason? Reason { get; init; }

    public string Code => Reason is { } reason ? FindingCodes.Of(reason) : FindingCodes.Of(Kind).Code;

    public FindingSeverity Severity => FindingCodes.Of(Kind).Severity;

    public string Fix => FindingCodes.Of(Kind).Fix;

    /// <summary>About <paramref name="document"/>, at <paramref name="path"/>'s line (the document's first line without one); the text prefixed with the document.</summary>
    public static OfflineFinding About(SourceDocument document, FindingKind kind, string message, string? path = null, string? prefix = null)
        => new(kind, (prefix ?? "") + document.Describe() + ": " + message, message)
        {
            File = document.SourceName,
            Document = document.Index + 1,
            Line = path is null ? document.StartLine : document.Lines.LineOf(path),
            Path = path,
        };

    /// <summary>A problem the loader placed at a field's line.</summary>
    public static OfflineFinding From(DocumentProblem problem, SourceDocument document, FindingKind kind, string text)
        => new(kind, text, problem.Message)
        {
            File = problem.SourceName,
            Document = document.Index + 1,
            Line = problem.Line,
            Path = problem.Path.Length == 0 ? null : problem.Path,
        };

    /// <summary>A file or document that could not be read at all.</summary>
    public static OfflineFinding Unreadable(DocumentFormatException e, string text)
        => new(FindingKind.InputUnreadable, text, e.Problem)
        {
            File = e.SourceName,
            Document = e.DocumentIndex + 1,
            Line = e.Line,
            Path = e.Path.Length == 0 ? null : e.Path,
        };
}
