using System.Text;
using Webhook.Crd;

namespace Webhook.Injection.Hooks;

/// <summary>The value of <c>OTEL_NGINX_AGENT_CONF</c> (shared spec §8.7): one <c>key value;</c> line per attribute in ordinal key order.</summary>
public static class NginxConfig
{
    public static string Build(WebServerModuleSettings settings, List<EnvVar>? attrs)
    {
        (string, string)[] defaults =
        [
            ("NginxModuleEnabled", "ON"),
            ("NginxModuleOtelSpanExporter", "otlp"),
            ("NginxModuleOtelExporterEndpoint", settings.Endpoint),
            ("NginxModuleServiceName", settings.ServiceName),
            ("NginxModuleServiceNamespace", settings.ServiceNamespace),
            ("NginxModuleServiceInstanceId", WebServerModule.ServiceInstancePlaceholder),
            ("NginxModuleResolveBackends", "ON"),
            ("NginxModuleTraceAsError", "ON"),
        ];

        var text = new StringBuilder();
        foreach (var (key, value) in WebServerModule.Attributes(defaults, attrs))
        {
            text.Append(key).Append(' ').Append(value).Append(";\n");
        }

        return text.ToString();
    }
}
