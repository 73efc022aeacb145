using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>
/// The webhook's identity and what it may do: read Instrumentations and Namespaces cluster-wide (a pod in any
/// namespace may ask for an Instrumentation of its own namespace, and namespace annotations count too), nothing else.
/// </summary>
internal static class RbacManifests
{
    public static JsonObject ServiceAccount(InstallTarget target) =>
        ObjectHeader.Namespaced("v1", "ServiceAccount", InstallTarget.Name, target);

    public static JsonObject ClusterRole()
    {
        var role = ObjectHeader.ClusterScoped("rbac.authorization.k8s.io/v1", "ClusterRole", InstallTarget.Name);
        role["rules"] = new JsonArray(
            ReadOnly("opentelemetry.io", "instrumentations"),
            ReadOnly("", "namespaces"));
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
