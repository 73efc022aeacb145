using System.Text;
using System.Text.Json;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>Inputs for the lookup tests: every annotation key in languages.json, and near misses of each.</summary>
public static class AnnotationCandidates
{
    /// <summary>Every string value in the table whose property names an annotation (<c>…Annotation</c> or <c>annotation</c>).</summary>
    public static List<string> KeysInFile(string tableJson)
    {
        using var document = JsonDocument.Parse(tableJson);
        var keys = new List<string>();
        Collect(document.RootElement, keys);
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The key itself, plus keys one byte shorter or longer, one byte off at the start, middle and end, and in upper case.</summary>
    public static IEnumerable<byte[]> WithNearMisses(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        yield return bytes;
        yield return bytes[..^1];
        yield return [.. bytes, (byte)'s'];
        yield return [(byte)' ', .. bytes];
        foreach (var index in new[] { 0, bytes.Length / 2, bytes.Length - 1 })
        {
            var changed = (byte[])bytes.Clone();
            changed[index] = (byte)(changed[index] == (byte)'x' ? 'y' : 'x');
            yield return changed;
        }

        yield return Encoding.UTF8.GetBytes(key.ToUpperInvariant());
    }

    private static void Collect(JsonElement element, List<string> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String
                        && (property.Name == "annotation" || property.Name.EndsWith("Annotation", StringComparison.Ordinal)))
                    {
                        keys.Add(property.Value.GetString()!);
                    }

                    Collect(property.Value, keys);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, keys);
                }

                break;
        }
    }
}
