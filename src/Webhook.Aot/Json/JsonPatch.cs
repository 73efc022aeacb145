using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhook.Json;

/// <summary>
/// Applies an RFC 6902 JSON Patch (the add, remove and replace operations the injection engine writes) to a
/// <see cref="JsonNode"/> in place. No reflection: nodes are parsed, cloned and moved, never serialized from types.
/// </summary>
public static class JsonPatch
{
    /// <summary>
    /// Applies every operation of <paramref name="patch"/> to <paramref name="document"/>, changing it, and returns
    /// the resulting root (a different node only when an operation replaces the whole document, path "").
    /// </summary>
    public static JsonNode? Apply(JsonNode? document, ReadOnlySpan<byte> patch)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNodes.Parse(patch);
        }
        catch (JsonException e)
        {
            throw new JsonPatchException("the JSON Patch is not valid JSON: " + e.Message);
        }

        if (parsed is not JsonArray operations)
        {
            throw new JsonPatchException("a JSON Patch is an array of operations");
        }

        var root = document;
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new JsonPatchException(Where(i) + ": an operation is an object with \"op\" and \"path\"");
            }

            root = ApplyOne(root, operation, i);
        }

        return root;
    }

    private static JsonNode? ApplyOne(JsonNode? root, JsonObject operation, int index)
    {
        var op = StringMember(operation, "op", index);
        var path = StringMember(operation, "path", index);
        var where = Where(index) + " (" + op + " \"" + path + "\")";
        string[] tokens;
        try
        {
            tokens = JsonPointer.Parse(path);
        }
        catch (JsonPatchException e)
        {
            throw new JsonPatchException(where + ": " + e.Message);
        }

        switch (op)
        {
            case "add":
                return tokens.Length == 0 ? Value(operation, where) : Add(root, tokens, Value(operation, where), where);
            case "replace":
                return tokens.Length == 0 ? Value(operation, where) : Replace(root, tokens, Value(operation, where), where);
            case "remove":
                if (tokens.Length == 0)
                {
                    throw new JsonPatchException(where + ": removing the whole document is not supported");
                }

                Remove(root, tokens, where);
                return root;
            default:
                throw new JsonPatchException(where + ": unsupported operation \"" + op + "\" (supported: add, remove, replace)");
        }
    }

    private static JsonNode? Add(JsonNode? root, string[] tokens, JsonNode? value, string where)
    {
        var last = tokens[^1];
        switch (Parent(root, tokens, where))
        {
            case JsonObject parent:
                parent[last] = value;
                break;
            case JsonArray parent when last == "-":
                parent.Add(value);
                break;
            case JsonArray parent:
                parent.Insert(Index(parent, last, parent.Count, where), value);
                break;
        }

        return root;
    }

    private static JsonNode? Replace(JsonNode? root, string[] tokens, JsonNode? value, string where)
    {
        var last = tokens[^1];
        switch (Parent(root, tokens, where))
        {
            case JsonObject parent:
                if (!parent.ContainsKey(last))
                {
                    throw new JsonPatchException(where + ": there is no member \"" + last + "\" to replace");
                }

                parent[last] = value;
                break;
            case JsonArray parent:
                parent[Index(parent, last, parent.Count - 1, where)] = value;
                break;
        }

        return root;
    }

    private static void Remove(JsonNode? root, string[] tokens, string where)
    {
        var last = tokens[^1];
        switch (Parent(root, tokens, where))
        {
            case JsonObject parent:
                if (!parent.Remove(last))
                {
                    throw new JsonPatchException(where + ": there is no member \"" + last + "\" to remove");
                }

                break;
            case JsonArray parent:
                parent.RemoveAt(Index(parent, last, parent.Count - 1, where));
                break;
        }
    }

    /// <summary>The object or array that holds the last token's target; every token before it must exist.</summary>
    private static JsonNode Parent(JsonNode? root, string[] tokens, string where)
    {
        var node = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(tokens[i], out var child) => child,
                JsonObject => throw new JsonPatchException(where + ": there is no member \"" + tokens[i] + "\" on the way"),
                JsonArray a => a[Index(a, tokens[i], a.Count - 1, where)],
                _ => throw new JsonPatchException(where + ": \"" + tokens[i] + "\" is below a value that is neither an object nor an array"),
            };
        }

        return node is JsonObject or JsonArray
            ? node
            : throw new JsonPatchException(where + ": the target's parent is neither an object nor an array");
    }

    private static int Index(JsonArray array, string token, int highest, string where)
    {
        if (JsonPointer.ArrayIndex(token) is not { } index)
        {
            throw new JsonPatchException(where + ": \"" + token + "\" is not an array index");
        }

        if (index > highest)
        {
            throw new JsonPatchException(where + ": index " + index.ToString(CultureInfo.InvariantCulture) + " is past the end of an array of "
                + array.Count.ToString(CultureInfo.InvariantCulture));
        }

        return index;
    }

    private static JsonNode? Value(JsonObject operation, string where)
        => operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new JsonPatchException(where + ": the operation has no \"value\"");

    private static string StringMember(JsonObject operation, string name, int index)
        => operation[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new JsonPatchException(Where(index) + ": \"" + name + "\" is missing or not a string");

    private static string Where(int index) => "JSON Patch operation " + (index + 1).ToString(CultureInfo.InvariantCulture);
}
