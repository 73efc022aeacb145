using Webhook.Crd;
using Webhook.Injection.Text;

namespace Webhook.Injection.WebServers;

/// <summary>The value of <c>OTEL_NGINX_AGENT_CONF</c> (shared spec §8.7): one <c>key value;</c> line per attribute in ordinal key order.</summary>
public static class NginxConfig
{
    /// <summary>The configuration, a <see cref="TextCache"/> string: the same for every pod of a workload.</summary>
    public static string Build(WebServerModuleSettings settings, List<EnvVar>? attrs)
    {
        ReadOnlySpan<(string Key, string Value)> defaults =
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

        var text = new TextBuilder(stackalloc char[1024]);
        ModuleAttributes.Append(ref text, defaults, attrs, ";\n");
        return text.ToCachedString();
    }
}
