using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhook.Documents;

namespace Webhook.Json;

/// <summary>Small reflection-free helpers over <see cref="JsonNode"/> for the commands that rewrite documents.</summary>
public static class JsonNodes
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = DocumentReader.MaxDepth + 1 };

    public static JsonNode? Parse(ReadOnlySpan<byte> json) => JsonNode.Parse(json, documentOptions: s_documentOptions);

    public static byte[] ToUtf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentReader.JsonOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The node's text when it is a JSON string, else null.</summary>
    public static string? String(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
