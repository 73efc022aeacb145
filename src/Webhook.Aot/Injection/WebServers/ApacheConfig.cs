using Webhook.Crd;
using Webhook.Injection.Text;

namespace Webhook.Injection.WebServers;

/// <summary>
/// The value of <c>OTEL_APACHE_AGENT_CONF</c> (shared spec §8.6): a fixed header that loads the SDK libraries and
/// the module for the Apache version, then one <c>key value</c> line per attribute in ordinal key order.
/// </summary>
public static class ApacheConfig
{
    private const string Libraries = "/opt/opentelemetry-webserver/agent/sdk_lib/lib/";
    private const string Module = "/opt/opentelemetry-webserver/agent/WebServerModule/Apache/libmod_apache_otel";

    private const string Header = "\n#Load the Otel Webserver SDK\n"
        + "LoadFile " + Libraries + "libopentelemetry_common.so\n"
        + "LoadFile " + Libraries + "libopentelemetry_resources.so\n"
        + "LoadFile " + Libraries + "libopentelemetry_trace.so\n"
        + "LoadFile " + Libraries + "libopentelemetry_otlp_recordable.so\n"
        + "LoadFile " + Libraries + "libopentelemetry_exporter_ostream_span.so\n"
        + "LoadFile " + Libraries + "libopentelemetry_exporter_otlp_grpc.so\n"
        + "#Load the Otel ApacheModule SDK\n"
        + "LoadFile " + Libraries + "libopentelemetry_webserver_sdk.so\n"
        + "#Load the Apache Module. In this example for Apache 2.4\n"
        + "#LoadModule otel_apache_module " + Module + ".so\n"
        + "#Load the Apache Module. In this example for Apache 2.2\n"
        + "#LoadModule otel_apache_module " + Module + "22.so\n";

    /// <summary>The configuration, a <see cref="TextCache"/> string: the same for every pod of a workload.</summary>
    public static string Build(WebServerModuleSettings settings, string? version, List<EnvVar>? attrs)
    {
        // The leading spaces of " ON" are the operator's, kept byte for byte.
        ReadOnlySpan<(string Key, string Value)> defaults =
        [
            ("ApacheModuleEnabled", "ON"),
            ("ApacheModuleOtelSpanExporter", "otlp"),
            ("ApacheModuleOtelExporterEndpoint", settings.Endpoint),
            ("ApacheModuleServiceName", settings.ServiceName),
            ("ApacheModuleServiceNamespace", settings.ServiceNamespace),
            ("ApacheModuleServiceInstanceId", WebServerModule.ServiceInstancePlaceholder),
            ("ApacheModuleResolveBackends", " ON"),
            ("ApacheModuleTraceAsError", " ON"),
        ];

        var text = new TextBuilder(stackalloc char[TextCache.MaxLength]);
        text.Append(Header);
        text.Append("LoadModule otel_apache_module ");
        text.Append(Module);
        text.Append(version == "2.2" ? "22" : "");
        text.Append(".so\n#Attributes\n");
        ModuleAttributes.Append(ref text, defaults, attrs, "\n");
        return text.ToCachedString();
    }
}
