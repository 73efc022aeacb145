using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary><c>apiVersion</c>, <c>kind</c> and <c>metadata</c> as every object of the bundle starts; the app label marks them all.</summary>
internal static class ObjectHeader
{
    public static JsonObject Namespaced(string apiVersion, string kind, string name, InstallTarget target) =>
        Create(apiVersion, kind, name, target.Namespace, annotations: null);

    public static JsonObject ClusterScoped(string apiVersion, string kind, string name, JsonObject? annotations = null) =>
        Create(apiVersion, kind, name, ns: null, annotations);

    public static JsonObject AppLabels() => new() { [InstallTarget.AppLabel] = InstallTarget.Name };

    private static JsonObject Create(string apiVersion, string kind, string name, string? ns, JsonObject? annotations)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["labels"] = AppLabels();
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }
}
