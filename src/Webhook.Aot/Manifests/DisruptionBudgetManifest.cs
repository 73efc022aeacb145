using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>Keeps one replica serving while nodes are drained, so pod creation never waits on an absent webhook.</summary>
internal static class DisruptionBudgetManifest
{
    public static JsonObject Create(InstallTarget target)
    {
        var budget = ObjectHeader.Namespaced("policy/v1", "PodDisruptionBudget", InstallTarget.Name, target);
        budget["spec"] = new JsonObject
        {
            ["minAvailable"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = ObjectHeader.AppLabels() },
        };
        return budget;
    }
}
