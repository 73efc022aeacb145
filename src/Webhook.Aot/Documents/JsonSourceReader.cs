using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Webhook.Documents;

/// <summary>Reads a JSON file holding one object or several concatenated objects, one document each.</summary>
internal static class JsonSourceReader
{
    public static IReadOnlyList<SourceDocument> Read(string text, string sourceName)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var positions = new Utf8LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = DocumentReader.MaxDepth,
        });

        var documents = new List<SourceDocument>();
        var index = 0;
        try
        {
            while (reader.Read())
            {
                var (line, column) = positions.PositionOf(reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new DocumentFormatException(
                        sourceName, index, line, column, FieldPath.Root,
                        $"each top-level JSON value must be an object, found {Describe(reader.TokenType)}");
                }

                var lines = new LineMap(line);
                lines.Add(FieldPath.Root, line, column);
                var json = CopyObject(ref reader, positions, lines, sourceName, index);
                documents.Add(new SourceDocument(sourceName, index, line, json, lines));
                index++;
            }
        }
        catch (JsonException e)
        {
            throw new DocumentFormatException(
                sourceName, index, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, FieldPath.Root,
                "invalid JSON: " + WithoutPosition(e.Message));
        }

        return documents;
    }

    /// <summary>Copies the object the reader is on into compact JSON, refusing duplicate keys and noting each field's position.</summary>
    private static byte[] CopyObject(ref Utf8JsonReader reader, Utf8LineIndex positions, LineMap lines, string sourceName, int index)
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(output, DocumentReader.JsonOptions);
        var frames = new Stack<Frame>();
        var valuePath = FieldPath.Root;
        do
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                && frames.TryPeek(out var parent) && parent.Keys is null)
            {
                valuePath = FieldPath.Index(parent.Path, parent.Count++);
                var (line, column) = positions.PositionOf(reader.TokenStartIndex);
                lines.Add(valuePath, line, column);
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    frames.Push(new Frame(valuePath, isObject: true));
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    frames.Push(new Frame(valuePath, isObject: false));
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    frames.Pop();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    frames.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var frame = frames.Peek();
                    var name = GetString(ref reader, positions, sourceName, index, frame.Path);
                    valuePath = FieldPath.Property(frame.Path, name);
                    var (keyLine, keyColumn) = positions.PositionOf(reader.TokenStartIndex);
                    if (!frame.Keys!.Add(name))
                    {
                        throw new DocumentFormatException(
                            sourceName, index, keyLine, keyColumn, valuePath, DuplicateKey(name, frame.Path));
                    }

                    lines.Add(valuePath, keyLine, keyColumn);
                    writer.WritePropertyName(name);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(GetString(ref reader, positions, sourceName, index, valuePath));
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
            }
        }
        while (frames.Count > 0 && reader.Read());

        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Escapes such as a lone "\ud800" are valid JSON syntax but no valid string.</summary>
    private static string GetString(ref Utf8JsonReader reader, Utf8LineIndex positions, string sourceName, int index, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            var (line, column) = positions.PositionOf(reader.TokenStartIndex);
            throw new DocumentFormatException(sourceName, index, line, column, path, "invalid JSON string: " + e.Message);
        }
    }

    internal static string DuplicateKey(string key, string parentPath) =>
        $"duplicate key \"{key}\" {(parentPath.Length == 0 ? "at the top level" : "in " + parentPath)}; remove one of them";

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The reader's messages end with " LineNumber: 3 | BytePositionInLine: 7."; the position is reported separately.</summary>
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;

        /// <summary>The keys seen so far in an object; null for an array.</summary>
        public HashSet<string>? Keys { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public int Count { get; set; }
    }
}
