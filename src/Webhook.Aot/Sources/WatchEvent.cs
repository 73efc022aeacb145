using System.Globalization;
using System.Text.Json;
using Webhook.Documents;

namespace Webhook.Sources;

/// <summary>
/// One line of a watch stream: <c>{"type":"ADDED","object":{…}}</c>. Changes carry the object; a bookmark only
/// a resourceVersion; an error the code and message of a Status object.
/// </summary>
internal readonly record struct WatchEvent(WatchEventType Type, ApiObject? Object, string? ResourceVersion, int ErrorCode, string? ErrorMessage)
{
    public static bool TryParse(ReadOnlyMemory<byte> line, WatchedResource resource, out WatchEvent watchEvent, out string problem)
    {
        watchEvent = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = DocumentReader.MaxDepth });
        }
        catch (JsonException e)
        {
            problem = "not JSON: " + e.Message;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || ApiObject.String(root, "type"u8) is not { } typeName)
            {
                problem = "no \"type\"";
                return false;
            }

            if (!root.TryGetProperty("object"u8, out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                problem = typeName + " event without an \"object\"";
                return false;
            }

            switch (typeName)
            {
                case "ADDED":
                    return Change(WatchEventType.Added, payload, resource, out watchEvent, out problem);
                case "MODIFIED":
                    return Change(WatchEventType.Modified, payload, resource, out watchEvent, out problem);
                case "DELETED":
                    return Change(WatchEventType.Deleted, payload, resource, out watchEvent, out problem);
                case "BOOKMARK":
                    if (payload.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
                        && ApiObject.String(metadata, "resourceVersion"u8) is { Length: > 0 } resourceVersion)
                    {
                        watchEvent = new WatchEvent(WatchEventType.Bookmark, null, resourceVersion, 0, null);
                        problem = "";
                        return true;
                    }

                    problem = "BOOKMARK event without metadata.resourceVersion";
                    return false;
                case "ERROR":
                    var code = payload.TryGetProperty("code"u8, out var codeElement) && codeElement.TryGetInt32(out var number) ? number : 0;
                    var message = ApiObject.String(payload, "message"u8) ?? ApiObject.String(payload, "reason"u8) ?? "no message";
                    watchEvent = new WatchEvent(WatchEventType.Error, null, null, code, message);
                    problem = "";
                    return true;
                default:
                    problem = string.Create(CultureInfo.InvariantCulture, $"unknown event type \"{typeName}\"");
                    return false;
            }
        }
    }

    private static bool Change(WatchEventType type, JsonElement payload, WatchedResource resource, out WatchEvent watchEvent, out string problem)
    {
        if (ApiObject.From(payload, resource, out var objectProblem) is { } apiObject)
        {
            watchEvent = new WatchEvent(type, apiObject, apiObject.ResourceVersion, 0, null);
            problem = "";
            return true;
        }

        watchEvent = default;
        problem = type.ToString().ToUpperInvariant() + " event: " + objectProblem;
        return false;
    }
}
