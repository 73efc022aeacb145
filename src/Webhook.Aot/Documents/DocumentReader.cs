using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhook.Documents;

/// <summary>
/// Reads every Kubernetes object in a file, YAML or JSON, several documents per file, into <see cref="SourceDocument"/>s.
/// Problems are reported as <see cref="DocumentFormatException"/>s naming the document, line and field.
/// </summary>
public static class DocumentReader
{
    /// <summary>How deeply objects and arrays may nest; deeper input is refused rather than risking the stack.</summary>
    internal const int MaxDepth = 128;

    internal static readonly JsonWriterOptions JsonOptions = new()
    {
        // The JSON is never embedded in HTML; keeping non-ASCII text readable matters more.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth + 1,
    };

    public static IReadOnlyList<SourceDocument> Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return LooksLikeJson(text)
            ? JsonSourceReader.Read(text, sourceName)
            : new YamlSourceReader(text, sourceName).Read();
    }

    /// <summary>
    /// JSON when the first character that is neither whitespace nor a // or /* */ comment opens an object or array.
    /// A file that starts with a # comment is YAML: JSON has no such comments, and YAML reads JSON-like text too.
    /// </summary>
    private static bool LooksLikeJson(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return c is '{' or '[';
            }
        }

        return false;
    }
}
