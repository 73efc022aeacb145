using System.Text.Json.Nodes;

namespace Webhook.Tests.Support;

/// <summary>
/// An RFC 6902 JSON Patch applier written for the tests, on <see cref="JsonNode"/>, independent of the engine's
/// patch writer: add, remove, replace, copy, move, test; JSON Pointer with ~0/~1 unescaping; "-" appends.
/// </summary>
public static class JsonPatchApplier
{
    public static JsonNode Apply(JsonNode document, string patchJson)
    {
        var root = document.DeepClone();
        foreach (var operation in JsonNode.Parse(patchJson)!.AsArray())
        {
            var op = (string)operation!["op"]!;
            var path = (string)operation["path"]!;
            switch (op)
            {
                case "add":
                    root = Add(root, path, operation["value"]!.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    root = Add(root, path, operation["value"]!.DeepClone());
                    break;
                case "copy":
                    root = Add(root, path, Get(root, (string)operation["from"]!).DeepClone());
                    break;
                case "move":
                    var value = Get(root, (string)operation["from"]!).DeepClone();
                    Remove(root, (string)operation["from"]!);
                    root = Add(root, path, value);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), operation["value"]))
                    {
                        throw new InvalidOperationException("test failed at " + path);
                    }

                    break;
                default:
                    throw new InvalidOperationException("unknown op " + op);
            }
        }

        return root;
    }

    private static string[] Tokens(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw new InvalidOperationException("a JSON pointer starts with '/': " + path);
        }

        return path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    private static JsonNode Get(JsonNode root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o[token] ?? throw new InvalidOperationException("no member " + token + " at " + path),
                JsonArray a => a[int.Parse(token)] ?? throw new InvalidOperationException("null at " + path),
                _ => throw new InvalidOperationException("cannot descend into a scalar at " + path),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return value;
        }

        var parent = tokens.Length == 1 ? root : Get(root, "/" + string.Join("/", tokens[..^1].Select(t => t.Replace("~", "~0").Replace("/", "~1"))));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a:
                var index = int.Parse(last);
                if (index < 0 || index > a.Count)
                {
                    throw new InvalidOperationException("index out of range at " + path);
                }

                a.Insert(index, value);
                break;
            default:
                throw new InvalidOperationException("cannot add into a scalar at " + path);
        }

        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        var parent = tokens.Length == 1 ? root : Get(root, "/" + string.Join("/", tokens[..^1].Select(t => t.Replace("~", "~0").Replace("/", "~1"))));
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(tokens[^1]):
                o.Remove(tokens[^1]);
                break;
            case JsonArray a:
                a.RemoveAt(int.Parse(tokens[^1]));
                break;
            default:
                throw new InvalidOperationException("nothing to remove at " + path);
        }
    }
}
