using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>One object of the install bundle as JSON, with an optional YAML comment printed above it.</summary>
public sealed record BundleDocument(ReadOnlyMemory<byte> Json, string? Comment = null)
{
    public static BundleDocument From(JsonObject json, string? comment = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.WriteTo(writer);
        }

        return new BundleDocument(buffer.WrittenMemory, comment);
    }
}
