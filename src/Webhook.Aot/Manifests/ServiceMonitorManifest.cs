using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>
/// <c>manifests --service-monitor</c>: the Prometheus Operator's ServiceMonitor for <c>/metrics</c>, which is served
/// on the HTTPS port; Prometheus checks the certificate against the CA in the TLS Secret (<c>ca.crt</c>, written both
/// by the generated certificate and by cert-manager) and the Service's name.
/// </summary>
internal static class ServiceMonitorManifest
{
    public const string ApiVersion = "monitoring.coreos.com/v1";
    public const string MetricsPath = "/metrics";

    public static JsonObject Create(InstallTarget target)
    {
        var monitor = ObjectHeader.Namespaced(ApiVersion, "ServiceMonitor", InstallTarget.Name, target);
        monitor["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = ObjectHeader.AppLabels() },
            ["endpoints"] = new JsonArray(new JsonObject
            {
                ["port"] = ServiceManifest.PortName,
                ["scheme"] = "https",
                ["path"] = MetricsPath,
                ["interval"] = "30s",
                ["tlsConfig"] = new JsonObject
                {
                    ["serverName"] = target.ServiceHost,
                    ["ca"] = new JsonObject { ["secret"] = new JsonObject { ["name"] = InstallTarget.TlsSecretName, ["key"] = "ca.crt" } },
                },
            }),
        };
        return monitor;
    }
}
