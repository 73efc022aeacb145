using System.Globalization;
using System.Text.Json;

namespace Webhook.Documents;

/// <summary>One object read from a file: its JSON, where it came from, and where each of its fields is.</summary>
public sealed class SourceDocument
{
    public SourceDocument(string sourceName, int index, int startLine, byte[] json, LineMap lines)
    {
        SourceName = sourceName;
        Index = index;
        StartLine = startLine;
        Json = json;
        Lines = lines;

        using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = DocumentReader.MaxDepth });
        var root = parsed.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        ApiVersion = StringProperty(root, "apiVersion");
        Kind = StringProperty(root, "kind");
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            Name = StringProperty(metadata, "name");
            Namespace = StringProperty(metadata, "namespace");
        }
    }

    public string SourceName { get; }

    /// <summary>0-based position in the file, counting the empty documents that were skipped.</summary>
    public int Index { get; }

    /// <summary>1-based line of the document's first content.</summary>
    public int StartLine { get; }

    /// <summary>Compact UTF-8 JSON, keys in the order of the source.</summary>
    public byte[] Json { get; }

    public LineMap Lines { get; }

    public string? ApiVersion { get; }

    public string? Kind { get; }

    public string? Name { get; }

    public string? Namespace { get; }

    /// <summary>For messages: <c>file.yaml, document 2 (Instrumentation "otel")</c>.</summary>
    public string Describe()
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"{SourceName}, document {Index + 1}");
        return (Kind, Name) switch
        {
            (not null, not null) => $"{where} ({Kind} \"{Name}\")",
            (not null, null) => $"{where} ({Kind})",
            (null, not null) => $"{where} (\"{Name}\")",
            _ => where,
        };
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
