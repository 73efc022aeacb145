using System.Buffers;
using System.Text.Json;
using Webhook.Documents;

namespace Webhook.Sources;

/// <summary>
/// One object from the API server: its identity, its resourceVersion, and its JSON with <c>apiVersion</c> and
/// <c>kind</c> set, because list responses leave them out of their items.
/// </summary>
internal sealed record ApiObject(string? Namespace, string Name, string? ResourceVersion, byte[] Json)
{
    public string Key => Namespace is null ? Name : Namespace + "/" + Name;

    /// <summary>The object, or null with <paramref name="problem"/> when it is not an object with a name.</summary>
    public static ApiObject? From(JsonElement element, WatchedResource resource, out string? problem)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "the object is " + element.ValueKind + ", not a JSON object";
            return null;
        }

        if (!element.TryGetProperty("metadata"u8, out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || String(metadata, "name"u8) is not { Length: > 0 } name)
        {
            problem = "the object has no metadata.name";
            return null;
        }

        problem = null;
        return new ApiObject(String(metadata, "namespace"u8), name, String(metadata, "resourceVersion"u8), WithTypeFields(element, resource));
    }

    internal static string? String(JsonElement element, ReadOnlySpan<byte> property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] WithTypeFields(JsonElement element, WatchedResource resource)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, DocumentReader.JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, resource.ApiVersion);
            writer.WriteString("kind"u8, resource.Kind);
            foreach (var property in element.EnumerateObject())
            {
                if (!property.NameEquals("apiVersion"u8) && !property.NameEquals("kind"u8))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
