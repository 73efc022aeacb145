using System.Text.Json.Nodes;

namespace Webhook.Manifests.Collector;

/// <summary>The collector's configuration file, mounted into its pod.</summary>
internal static class CollectorConfigMapManifest
{
    public static JsonObject Create(CollectorTarget target)
    {
        var configMap = target.Header("v1", "ConfigMap");
        configMap["data"] = new JsonObject { [CollectorTarget.ConfigKey] = CollectorConfig.Yaml() };
        return configMap;
    }
}
