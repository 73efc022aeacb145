using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>The Service the API server calls: HTTPS on 443, forwarded to the replicas' serving port.</summary>
internal static class ServiceManifest
{
    public const string PortName = "https";

    public static JsonObject Create(InstallTarget target)
    {
        var service = ObjectHeader.Namespaced("v1", "Service", InstallTarget.Name, target);
        service["spec"] = new JsonObject
        {
            ["selector"] = ObjectHeader.AppLabels(),
            ["ports"] = new JsonArray(new JsonObject
            {
                ["name"] = PortName,
                ["port"] = InstallTarget.ServicePort,
                ["targetPort"] = InstallTarget.ContainerPort,
                ["protocol"] = "TCP",
            }),
        };
        return service;
    }
}
