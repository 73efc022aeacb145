using System.Globalization;

namespace Webhook.Documents;

/// <summary>A document that cannot be read, with where it went wrong: <c>deploy.yaml: document 2, line 14: …</c>.</summary>
public sealed class DocumentFormatException : Exception
{
    public DocumentFormatException(string sourceName, int documentIndex, int line, int column, string path, string problem)
        : base(FormatMessage(sourceName, documentIndex, line, problem))
    {
        SourceName = sourceName;
        DocumentIndex = documentIndex;
        Line = line;
        Column = column;
        Path = path;
        Problem = problem;
    }

    public string SourceName { get; }

    /// <summary>0-based, like <see cref="SourceDocument.Index"/>; the message shows it 1-based.</summary>
    public int DocumentIndex { get; }

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>1-based.</summary>
    public int Column { get; }

    /// <summary>The field the problem is about, or empty when it is not about one field.</summary>
    public string Path { get; }

    /// <summary>The message without the source and position prefix.</summary>
    public string Problem { get; }

    private static string FormatMessage(string sourceName, int documentIndex, int line, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{sourceName}: document {documentIndex + 1}, line {line}: {problem}");
}
