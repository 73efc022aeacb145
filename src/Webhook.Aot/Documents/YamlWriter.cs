using System.Text;
using System.Text.Json;

namespace Webhook.Documents;

/// <summary>
/// Writes JSON documents as block-style YAML, keys in the JSON's order, documents separated by <c>---</c> lines.
/// Reading the YAML back with <see cref="DocumentReader"/> gives the same JSON.
/// </summary>
public static class YamlWriter
{
    private const int Indent = 2;

    /// <summary>YAML parsers refuse implicit keys this long or longer; such keys are written as explicit <c>? key</c>.</summary>
    private const int MaxImplicitKeyLength = 1000;

    private static readonly JsonDocumentOptions s_jsonOptions = new() { MaxDepth = DocumentReader.MaxDepth + 1 };

    public static string ToYaml(ReadOnlyMemory<byte> jsonDocument) => ToYaml([jsonDocument]);

    public static string ToYaml(IEnumerable<SourceDocument> documents) =>
        ToYaml(documents.Select(document => new ReadOnlyMemory<byte>(document.Json)));

    public static string ToYaml(IEnumerable<ReadOnlyMemory<byte>> jsonDocuments)
    {
        ArgumentNullException.ThrowIfNull(jsonDocuments);
        var yaml = new StringBuilder();
        var first = true;
        foreach (var json in jsonDocuments)
        {
            if (!first)
            {
                yaml.Append("---\n");
            }

            first = false;
            using var document = JsonDocument.Parse(json, s_jsonOptions);
            WriteRoot(yaml, document.RootElement);
        }

        return yaml.ToString();
    }

    private static void WriteRoot(StringBuilder yaml, JsonElement root)
    {
        if (IsNonEmptyCollection(root))
        {
            WriteCollection(yaml, root, 0, indentFirstLine: true);
        }
        else
        {
            yaml.Append(Inline(root)).Append('\n');
        }
    }

    private static void WriteCollection(StringBuilder yaml, JsonElement collection, int indent, bool indentFirstLine)
    {
        if (collection.ValueKind == JsonValueKind.Object)
        {
            WriteMapping(yaml, collection, indent, indentFirstLine);
        }
        else
        {
            WriteSequence(yaml, collection, indent, indentFirstLine);
        }
    }

    /// <summary>
    /// Writes <c>key: value</c> lines at <paramref name="indent"/>. The first line is not indented when it
    /// continues a sequence entry's <c>- </c>.
    /// </summary>
    private static void WriteMapping(StringBuilder yaml, JsonElement mapping, int indent, bool indentFirstLine)
    {
        var first = true;
        foreach (var property in mapping.EnumerateObject())
        {
            if (!first || indentFirstLine)
            {
                yaml.Append(' ', indent);
            }

            first = false;
            var key = YamlStringStyle.CanBePlain(property.Name) ? property.Name : YamlStringStyle.DoubleQuoted(property.Name);
            if (key.Length >= MaxImplicitKeyLength)
            {
                yaml.Append("? ").Append(key).Append('\n').Append(' ', indent);
            }
            else
            {
                yaml.Append(key);
            }

            yaml.Append(':');
            WriteValue(yaml, property.Value, indent, inSequence: false);
        }
    }

    private static void WriteSequence(StringBuilder yaml, JsonElement sequence, int indent, bool indentFirstLine)
    {
        var first = true;
        foreach (var item in sequence.EnumerateArray())
        {
            if (!first || indentFirstLine)
            {
                yaml.Append(' ', indent);
            }

            first = false;
            yaml.Append('-');
            if (IsNonEmptyCollection(item))
            {
                yaml.Append(' ');
                WriteCollection(yaml, item, indent + Indent, indentFirstLine: false);
            }
            else
            {
                WriteValue(yaml, item, indent, inSequence: true);
            }
        }
    }

    /// <summary>
    /// Writes what follows a <c>key:</c> or <c>-</c> indicator at <paramref name="indent"/>, up to the end of its last line.
    /// A sequence under a key starts at the key's own indentation, as kubectl writes it.
    /// </summary>
    private static void WriteValue(StringBuilder yaml, JsonElement value, int indent, bool inSequence)
    {
        if (IsNonEmptyCollection(value))
        {
            yaml.Append('\n');
            var childIndent = value.ValueKind == JsonValueKind.Array && !inSequence ? indent : indent + Indent;
            WriteCollection(yaml, value, childIndent, indentFirstLine: true);
        }
        else if (value.ValueKind == JsonValueKind.String && YamlStringStyle.CanBeLiteral(value.GetString()!))
        {
            WriteLiteral(yaml, value.GetString()!, indent + Indent);
        }
        else
        {
            yaml.Append(' ').Append(Inline(value)).Append('\n');
        }
    }

    /// <summary>A <c>|</c> block; its chomping indicator keeps exactly the trailing line breaks the text has.</summary>
    private static void WriteLiteral(StringBuilder yaml, string text, int indent)
    {
        var body = text.TrimEnd('\n');
        var trailingBreaks = text.Length - body.Length;
        yaml.Append(trailingBreaks switch { 0 => " |-", 1 => " |", _ => " |+" }).Append('\n');
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0)
            {
                yaml.Append(' ', indent).Append(line);
            }

            yaml.Append('\n');
        }

        yaml.Append('\n', Math.Max(0, trailingBreaks - 1));
    }

    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        JsonValueKind.String => YamlStringStyle.CanBePlain(value.GetString()!) ? value.GetString()! : YamlStringStyle.DoubleQuoted(value.GetString()!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static bool IsNonEmptyCollection(JsonElement value) =>
        (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any())
        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0);
}
