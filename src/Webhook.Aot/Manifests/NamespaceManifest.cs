using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>The Namespace the webhook runs in.</summary>
internal static class NamespaceManifest
{
    public static JsonObject Create(InstallTarget target) => ObjectHeader.ClusterScoped("v1", "Namespace", target.Namespace);
}
