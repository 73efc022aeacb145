using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhook.Tests.Reliability;

/// <summary>
/// Reads JSON the way the API server's Go decoder reads a pod whose objects repeat a key: a later object is
/// merged into the earlier one, any other later value replaces it. So a test can apply a patch to the pod the
/// API server stores. Shared with the coverage-guided fuzzer, which links this file.
/// </summary>
public static class LastWinsJson
{
    /// <summary>The document as stored; throws <see cref="InvalidOperationException"/> for text that is not UTF-8, like <see cref="JsonElement.GetString"/>.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 1024 });
        return ToNode(document.RootElement);
    }

    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var value = ToNode(property.Value);
                    if (result[property.Name] is JsonObject earlier && value is JsonObject later)
                    {
                        Merge(earlier, later);
                    }
                    else
                    {
                        result[property.Name] = value;
                    }
                }

                return result;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }

    private static void Merge(JsonObject into, JsonObject later)
    {
        foreach (var (name, value) in later.ToList())
        {
            later.Remove(name);
            if (into[name] is JsonObject earlier && value is JsonObject inner)
            {
                Merge(earlier, inner);
            }
            else
            {
                into[name] = value;
            }
        }
    }
}
