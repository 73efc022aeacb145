using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>
/// The webhook's identity and what it may do: read Instrumentations and Namespaces cluster-wide (a pod in any
/// namespace may ask for an Instrumentation of its own namespace, and namespace annotations count too), and create
/// Events and patch their counts in events.k8s.io (the admission warnings of a controller's pods), unless
/// <see cref="InstallTarget.Events"/> is off; nothing else.
/// </summary>
internal static class RbacManifests
{
    public static JsonObject ServiceAccount(InstallTarget target) =>
        ObjectHeader.Namespaced("v1", "ServiceAccount", InstallTarget.Name, target);

    public static JsonObject ClusterRole(InstallTarget target)
    {
        var role = ObjectHeader.ClusterScoped("rbac.authorization.k8s.io/v1", "ClusterRole", InstallTarget.Name);
        var rules = new JsonArray(
            ReadOnly("opentelemetry.io", "instrumentations"),
            ReadOnly("", "namespaces"));
        if (target.Events)
        {
            // Only the events.k8s.io group, the one the webhook writes; core v1 events stay out of reach.
            rules.Add((JsonNode)new JsonObject
            {
                ["apiGroups"] = new JsonArray("events.k8s.io"),
                ["resources"] = new JsonArray("events"),
                ["verbs"] = new JsonArray("create", "patch"),
            });
        }

        role["rules"] = rules;
        return role;
    }

    public static JsonObject ClusterRoleBinding(InstallTarget target)
    {
        var binding = ObjectHeader.ClusterScoped("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", InstallTarget.Name);
        binding["roleRef"] = new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io",
            ["kind"] = "ClusterRole",
            ["name"] = InstallTarget.Name,
        };
        binding["subjects"] = new JsonArray(new JsonObject
        {
            ["kind"] = "ServiceAccount",
            ["name"] = InstallTarget.Name,
            ["namespace"] = target.Namespace,
        });
        return binding;
    }

    private static JsonObject ReadOnly(string apiGroup, string resource) => new()
    {
        ["apiGroups"] = new JsonArray(apiGroup),
        ["resources"] = new JsonArray(resource),
        ["verbs"] = new JsonArray("get", "list", "watch"),
    };
}
