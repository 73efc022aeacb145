using System.Globalization;
using Webhook.Documents;

namespace Webhook.Instrumentations;

/// <summary>An error or warning about one document, placed at the line of the field it is about.</summary>
public sealed record DocumentProblem(string SourceName, int Line, string Path, string Message)
{
    public static DocumentProblem At(SourceDocument document, string path, string message)
        => new(document.SourceName, document.Lines.LineOf(path), path, message);

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{SourceName}:{Line}: ")
            + (Path.Length == 0 || Message.StartsWith(Path, StringComparison.Ordinal) ? Message : Path + ": " + Message);
}
