using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhook.Tests.Reliability;

/// <summary>
/// Whether a pod has the shape the API server guarantees before any webhook sees it, in the fields a patch writes
/// into (objects where objects belong, arrays of objects where lists belong). A patch must apply to such a pod;
/// for a pod the API server would have refused, it only has to be a well-formed JSON Patch.
/// </summary>
public static class PodShape
{
    public static bool IsPlausible(JsonNode? pod)
    {
        if (pod is not JsonObject root || !OptionalObject(root, "metadata") || !OptionalObject(root, "spec"))
        {
            return false;
        }

        if (root["metadata"] is JsonObject metadata && (!StringMap(metadata, "annotations") || !StringMap(metadata, "labels")))
        {
            return false;
        }

        if (root["spec"] is not JsonObject spec)
        {
            return true;
        }

        return ObjectList(spec, "volumes") && Containers(spec, "containers") && Containers(spec, "initContainers");
    }

    /// <summary>
    /// Whether a part the patch writes into or copies from has the wrong JSON type: metadata or spec not an object,
    /// a container, init container, volume, env or mount list not a list of objects, a securityContext not an
    /// object, an envFrom not a list of objects. Such a pod must get no patch.
    /// </summary>
    public static bool HasWrongTypeWherePatchesWrite(JsonNode? pod)
    {
        if (pod is not JsonObject root || !OptionalObject(root, "metadata") || !OptionalObject(root, "spec"))
        {
            return true;
        }

        if (root["spec"] is not JsonObject spec)
        {
            return false;
        }

        return !ObjectList(spec, "volumes") || !ObjectList(spec, "containers") || !ObjectList(spec, "initContainers")
            || ContainersOf(spec, "containers").Concat(ContainersOf(spec, "initContainers")).Any(c =>
                !ObjectList(c, "env") || !ObjectList(c, "volumeMounts") || !OptionalObject(c, "securityContext") || !ObjectList(c, "envFrom"));
    }

    private static IEnumerable<JsonObject> ContainersOf(JsonObject spec, string name)
        => spec[name] is JsonArray list ? list.OfType<JsonObject>() : [];

    private static bool Containers(JsonObject spec, string name)
    {
        if (!ObjectList(spec, name) || spec[name] is not JsonArray containers)
        {
            return spec[name] is null;
        }

        foreach (var container in containers)
        {
            var c = (JsonObject)container!;
            if (!ObjectList(c, "env") || !ObjectList(c, "volumeMounts") || c["name"] is { } n && n.GetValueKind() != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static bool OptionalObject(JsonObject parent, string name) => parent[name] is null or JsonObject;

    private static bool StringMap(JsonObject parent, string name)
        => parent[name] is null || parent[name] is JsonObject map && map.All(p => p.Value?.GetValueKind() == JsonValueKind.String);

    private static bool ObjectList(JsonObject parent, string name)
        => parent[name] is null || parent[name] is JsonArray list && list.All(item => item is JsonObject);
}
