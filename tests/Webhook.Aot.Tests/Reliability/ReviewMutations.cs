using System.Text;
using System.Text.Json.Nodes;

namespace Webhook.Tests.Reliability;

/// <summary>A mutated request body and a label that says how it was made, for failure messages.</summary>
public readonly record struct Mutant(string Label, byte[] Body);

/// <summary>
/// Ways to break a well-formed AdmissionReview, each deterministic for a given seed: cuts, wrong types, nesting,
/// huge and odd strings, and random byte edits. Raw bytes go in through a marker string replaced after
/// serialization, so escapes, invalid UTF-8 and nesting deeper than a writer allows reach the reader as written.
/// </summary>
public static class ReviewMutations
{
    private const string Marker = "@@mutant@@";

    private static readonly (string Name, JsonNode? Value)[] s_wrongValues =
    [
        ("number", 42), ("negative float", -1.5e300), ("true", true), ("null", null), ("empty string", ""),
        ("string", "text"), ("empty array", new JsonArray()), ("empty object", new JsonObject()),
    ];

    /// <summary>Every proper prefix of the body.</summary>
    public static IEnumerable<Mutant> Truncations(byte[] body)
    {
        for (var cut = 0; cut < body.Length; cut++)
        {
            yield return new Mutant("cut at " + cut, body[..cut]);
        }
    }

    /// <summary>Every member and element, at every depth, replaced by each value of another JSON type.</summary>
    public static IEnumerable<Mutant> WrongTypes(JsonObject review)
    {
        foreach (var path in Paths(review, ""))
        {
            foreach (var (name, value) in s_wrongValues)
            {
                var copy = review.DeepClone();
                var target = copy.AsObject();
                if (Same(Get(copy, path), value))
                {
                    continue;
                }

                Set(target, path, value?.DeepClone());
                yield return new Mutant(path + " = " + name, Encoding.UTF8.GetBytes(copy.ToJsonString()));
            }
        }
    }

    /// <summary>The value at <paramref name="path"/> replaced by raw JSON text, written as is.</summary>
    public static Mutant Replace(JsonObject review, string path, byte[] rawJson, string label)
    {
        var copy = review.DeepClone().AsObject();
        Set(copy, path, Marker);
        var text = Encoding.UTF8.GetBytes(copy.ToJsonString());
        var marker = Encoding.UTF8.GetBytes("\"" + Marker + "\"");
        var at = text.AsSpan().IndexOf(marker);
        return new Mutant(path + " = " + label, [.. text.AsSpan(0, at), .. rawJson, .. text.AsSpan(at + marker.Length)]);
    }

    public static Mutant Replace(JsonObject review, string path, string rawJson, string label)
        => Replace(review, path, Encoding.UTF8.GetBytes(rawJson), label);

    /// <summary>Arrays nested <paramref name="depth"/> deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Edits a few bytes at random: flips, inserts of JSON punctuation, deletions, repeats, and splices from another body.</summary>
    public static Mutant RandomEdit(byte[] body, byte[] other, Random random)
    {
        var bytes = new List<byte>(body);
        var edits = 1 + random.Next(4);
        var label = new StringBuilder();
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    label.Append("flip@").Append(at).Append(' ');
                    break;
                case 1:
                    var punctuation = "{}[]\":,\\0-e.tfn \u00e9\uffff"u8.ToArray();
                    bytes.Insert(at, punctuation[random.Next(punctuation.Length)]);
                    label.Append("insert@").Append(at).Append(' ');
                    break;
                case 2:
                    var length = Math.Min(bytes.Count - at, 1 + random.Next(16));
                    bytes.RemoveRange(at, length);
                    label.Append("delete@").Append(at).Append('+').Append(length).Append(' ');
                    break;
                case 3:
                    var span = Math.Min(bytes.Count - at, 1 + random.Next(64));
                    bytes.InsertRange(at, bytes.GetRange(at, span));
                    label.Append("repeat@").Append(at).Append('+').Append(span).Append(' ');
                    break;
                default:
                    var from = random.Next(other.Length);
                    var take = Math.Min(other.Length - from, 1 + random.Next(128));
                    bytes.InsertRange(at, other.AsSpan(from, take).ToArray());
                    label.Append("splice@").Append(at).Append('+').Append(take).Append(' ');
                    break;
            }
        }

        return new Mutant(label.ToString().TrimEnd(), [.. bytes]);
    }

    /// <summary>Paths like <c>/request/object/spec/containers/0/name</c> of every member and element.</summary>
    private static IEnumerable<string> Paths(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var path = prefix + "/" + key.Replace("~", "~0").Replace("/", "~1");
                    yield return path;
                    foreach (var inner in Paths(value, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var path = prefix + "/" + i;
                    yield return path;
                    foreach (var inner in Paths(a[i], path))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static string[] Tokens(string path) => [.. path.Split('/').Skip(1).Select(t => t.Replace("~1", "/").Replace("~0", "~"))];

    private static JsonNode? Get(JsonNode root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node is JsonArray a ? a[int.Parse(token)] : node?[token];
        }

        return node;
    }

    /// <summary>Sets the value at a path, creating objects for missing members on the way.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        JsonNode parent = root;
        foreach (var token in tokens[..^1])
        {
            var next = parent is JsonArray a ? a[int.Parse(token)] : parent[token];
            if (next is null)
            {
                next = new JsonObject();
                parent[token] = next;
            }

            parent = next;
        }

        if (parent is JsonArray array)
        {
            array[int.Parse(tokens[^1])] = value;
        }
        else
        {
            parent[tokens[^1]] = value;
        }
    }

    private static bool Same(JsonNode? a, JsonNode? b)
        => a is null ? b is null : b is not null && a.GetValueKind() == b.GetValueKind() && JsonNode.DeepEquals(a, b);
}
