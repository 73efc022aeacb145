using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhook.Benchmarks.Baseline;

/// <summary>
/// A simple generic RFC 6902 diff of two JSON documents, the way a webhook without a patch writer builds its
/// answer (the operator does the same with gomodules/jsonpatch): objects key by key, arrays index by index (extra
/// items added or removed at the end), anything else replaced when not deeply equal.
/// </summary>
public static class JsonDiff
{
    public static byte[] Patch(JsonNode? original, JsonNode? modified)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            Diff(writer, new StringBuilder(), original, modified);
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Diff(Utf8JsonWriter writer, StringBuilder path, JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                DiffObjects(writer, path, oa, ob);
                break;
            case (JsonArray aa, JsonArray ab):
                DiffArrays(writer, path, aa, ab);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    Op(writer, "replace", path, b);
                }

                break;
        }
    }

    private static void DiffObjects(Utf8JsonWriter writer, StringBuilder path, JsonObject a, JsonObject b)
    {
        var length = path.Length;
        foreach (var (key, value) in a)
        {
            Append(path, key);
            if (b.TryGetPropertyValue(key, out var other))
            {
                Diff(writer, path, value, other);
            }
            else
            {
                Op(writer, "remove", path, null);
            }

            path.Length = length;
        }

        foreach (var (key, value) in b)
        {
            if (!a.ContainsKey(key))
            {
                Append(path, key);
                Op(writer, "add", path, value);
                path.Length = length;
            }
        }
    }

    private static void DiffArrays(Utf8JsonWriter writer, StringBuilder path, JsonArray a, JsonArray b)
    {
        var length = path.Length;
        var common = Math.Min(a.Count, b.Count);
        for (var i = 0; i < common; i++)
        {
            path.Append('/').Append(i);
            Diff(writer, path, a[i], b[i]);
            path.Length = length;
        }

        for (var i = common; i < b.Count; i++)
        {
            path.Append('/').Append(i);
            Op(writer, "add", path, b[i]);
            path.Length = length;
        }

        for (var i = a.Count - 1; i >= common; i--)
        {
            path.Append('/').Append(i);
            Op(writer, "remove", path, null);
            path.Length = length;
        }
    }

    private static void Append(StringBuilder path, string key)
    {
        path.Append('/');
        foreach (var c in key)
        {
            _ = c switch
            {
                '~' => path.Append("~0"),
                '/' => path.Append("~1"),
                _ => path.Append(c),
            };
        }
    }

    private static void Op(Utf8JsonWriter writer, string op, StringBuilder path, JsonNode? value)
    {
        writer.WriteStartObject();
        writer.WriteString("op", op);
        writer.WriteString("path", path.ToString());
        if (op != "remove")
        {
            writer.WritePropertyName("value");
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
