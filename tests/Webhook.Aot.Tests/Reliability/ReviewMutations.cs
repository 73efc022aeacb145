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

    /// <summary>
    /// Shapes the API server never sends, in the parts of the pod a patch writes into or copies from: lists holding
    /// entries that are not objects (or lists that are not lists), keys given twice (the earlier or the later value
    /// a decoy), and bytes that are not UTF-8 inside the objects a patch copies (securityContext, envFrom, env
    /// entries, mounts).
    /// </summary>
    public static IEnumerable<Mutant> PodShapes(JsonObject review)
    {
        if (review["request"]?["object"] is not JsonObject pod || pod["spec"] is not JsonObject spec)
        {
            yield break;
        }

        const string Pod = "/request/object";
        var containers = new List<string>();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            for (var i = 0; i < (spec[list] as JsonArray)?.Count; i++)
            {
                if (spec[list]![i] is JsonObject)
                {
                    containers.Add("/spec/" + list + "/" + i);
                }
            }
        }

        var lists = new List<string> { "/spec/containers", "/spec/initContainers", "/spec/volumes" };
        lists.AddRange(containers.SelectMany(c => new[] { c + "/env", c + "/volumeMounts", c + "/envFrom" }));
        foreach (var list in lists)
        {
            foreach (var wrong in new[] { "\"text\"", "7", "[]", "null", "true" })
            {
                yield return Replace(review, Pod + list, Raw(Appended(Get(pod, list), wrong)), list + " + " + wrong);
            }

            yield return Replace(review, Pod + list, "\"text\"", list + " = a string");
        }

        foreach (var c in containers)
        {
            yield return Replace(review, Pod + c + "/securityContext", Raw("{\"seLinuxOptions\":{\"user\":\"\u0001\"}}"), c + "/securityContext not UTF-8");
            yield return Replace(review, Pod + c + "/envFrom", Raw("[{\"prefix\":\"\u0001\",\"configMapRef\":{\"name\":\"c\"}}]"), c + "/envFrom not UTF-8");
            yield return Replace(review, Pod + c + "/env", Raw(Appended(Get(pod, c + "/env"), "{\"name\":\"X\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"\u0001\"}}}")), c + "/env entry not UTF-8");
            yield return Replace(review, Pod + c + "/volumeMounts", Raw(Appended(Get(pod, c + "/volumeMounts"), "{\"name\":\"v\",\"mountPath\":\"/v\",\"subPath\":\"\u0001\"}")), c + "/volumeMounts entry not UTF-8");
            foreach (var field in new[] { "/env", "/volumeMounts", "/name", "/securityContext" })
            {
                foreach (var mutant in Repeated(review, Pod + c + field, Get(pod, c + field), field == "/name" ? "\"decoy\"" : "[]"))
                {
                    yield return mutant;
                }
            }
        }

        foreach (var path in new[] { "/metadata", "/metadata/annotations", "/metadata/labels", "/spec", "/spec/containers", "/spec/initContainers", "/spec/volumes" })
        {
            foreach (var mutant in Repeated(review, Pod + path, Get(pod, path), path.StartsWith("/metadata", StringComparison.Ordinal) || path == "/spec" ? "{}" : "[{\"name\":\"decoy\"}]"))
            {
                yield return mutant;
            }
        }
    }

    /// <summary>The member at <paramref name="path"/> given twice, a decoy first and then the value, and the other way round.</summary>
    private static IEnumerable<Mutant> Repeated(JsonObject review, string path, JsonNode? value, string decoy)
    {
        var name = Tokens(path)[^1];
        var json = value?.ToJsonString() ?? "null";
        yield return Replace(review, path, decoy + "," + Quoted(name) + ":" + json, path + " repeated, decoy first");
        yield return Replace(review, path, json + "," + Quoted(name) + ":" + decoy, path + " repeated, decoy last");
    }

    private static string Quoted(string name) => JsonValue.Create(name).ToJsonString();

    /// <summary>A list's JSON with one more element, written as is.</summary>
    private static string Appended(JsonNode? list, string element)
    {
        var items = list is JsonArray array ? array.Select(item => item?.ToJsonString() ?? "null").ToList() : [];
        items.Add(element);
        return "[" + string.Join(",", items) + "]";
    }

    /// <summary>UTF-8 of <paramref name="json"/> with each U+0001 (which serialized JSON never holds raw) turned into bytes that are not UTF-8.</summary>
    private static byte[] Raw(string json)
        => [.. Encoding.UTF8.GetBytes(json).SelectMany(b => b == 1 ? new byte[] { 0xC3, 0x28, 0xFF } : [b])];

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
            node = node switch
            {
                JsonArray a => int.TryParse(token, out var i) && i < a.Count ? a[i] : null,
                JsonObject o => o[token],
                _ => null,
            };
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
