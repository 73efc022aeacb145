using System.Text.Json;

namespace Webhook.Doctor;

/// <summary>Small lookups over the <see cref="JsonElement"/>s of list responses; a missing or mistyped member reads as absent.</summary>
internal static class Json
{
    public static JsonElement? Child(JsonElement? element, string name)
        => element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var child) ? child : null;

    public static JsonElement? Path(JsonElement? element, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            element = Child(element, name);
        }

        return element;
    }

    public static string? Text(JsonElement? element, string name)
        => Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The string members of an object (labels, annotations, a selector's matchLabels).</summary>
    public static IReadOnlyDictionary<string, string> Strings(JsonElement? element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    result[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return result;
    }

    public static IEnumerable<JsonElement> Items(JsonElement? element, string name)
        => Child(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
