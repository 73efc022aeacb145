using Webhook.Crd;
using Webhook.Injection.WebServers;

namespace Webhook.Tests.Injection.WebServers;

public sealed class ApacheConfigTests
{
    // operator-behavior §8.6: endpoint https://collector:4318, service app, namespace ns, Apache 2.4.
    private const string SpecExample =
        "\n"
        + "#Load the Otel Webserver SDK\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_common.so\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_resources.so\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_trace.so\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_otlp_recordable.so\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_exporter_ostream_span.so\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_exporter_otlp_grpc.so\n"
        + "#Load the Otel ApacheModule SDK\n"
        + "LoadFile /opt/opentelemetry-webserver/agent/sdk_lib/lib/libopentelemetry_webserver_sdk.so\n"
        + "#Load the Apache Module. In this example for Apache 2.4\n"
        + "#LoadModule otel_apache_module /opt/opentelemetry-webserver/agent/WebServerModule/Apache/libmod_apache_otel.so\n"
        + "#Load the Apache Module. In this example for Apache 2.2\n"
        + "#LoadModule otel_apache_module /opt/opentelemetry-webserver/agent/WebServerModule/Apache/libmod_apache_otel22.so\n"
        + "LoadModule otel_apache_module /opt/opentelemetry-webserver/agent/WebServerModule/Apache/libmod_apache_otel.so\n"
        + "#Attributes\n"
        + "ApacheModuleEnabled ON\n"
        + "ApacheModuleOtelExporterEndpoint https://collector:4318\n"
        + "ApacheModuleOtelSpanExporter otlp\n"
        + "ApacheModuleResolveBackends  ON\n"
        + "ApacheModuleServiceInstanceId <<SID-PLACEHOLDER>>\n"
        + "ApacheModuleServiceName app\n"
        + "ApacheModuleServiceNamespace ns\n"
        + "ApacheModuleTraceAsError  ON\n";

    private const string Active24 = "LoadModule otel_apache_module /opt/opentelemetry-webserver/agent/WebServerModule/Apache/libmod_apache_otel.so\n#Attributes\n";
    private const string Active22 = "LoadModule otel_apache_module /opt/opentelemetry-webserver/agent/WebServerModule/Apache/libmod_apache_otel22.so\n#Attributes\n";

    private static readonly WebServerModuleSettings s_example = new("https://collector:4318", "app", "ns");

    [Fact]
    public void Build_SpecExample_MatchesByteForByte()
    {
        Assert.Equal(SpecExample, ApacheConfig.Build(s_example, "2.4", attrs: null));
    }

    [Fact]
    public void Build_Version22_ChangesOnlyTheActiveModuleLine()
    {
        Assert.Equal(SpecExample.Replace(Active24, Active22, StringComparison.Ordinal), ApacheConfig.Build(s_example, "2.2", attrs: null));
    }

    [Fact]
    public void Build_VersionOtherThan22_LoadsThe24Module()
    {
        Assert.Equal(SpecExample, ApacheConfig.Build(s_example, version: null, attrs: null));
    }

    [Fact]
    public void Build_Attrs_OverrideDefaultsAndAddSortedLines()
    {
        var config = ApacheConfig.Build(s_example, "2.4",
            [new EnvVar { Name = "ApacheModuleTraceAsError", Value = "OFF" }, new EnvVar { Name = "ApacheModuleOtelMaxQueueSize", Value = "1024" }]);

        var attributes = config[(config.IndexOf("#Attributes\n", StringComparison.Ordinal) + "#Attributes\n".Length)..];
        Assert.Equal(
            "ApacheModuleEnabled ON\n"
            + "ApacheModuleOtelExporterEndpoint https://collector:4318\n"
            + "ApacheModuleOtelMaxQueueSize 1024\n"
            + "ApacheModuleOtelSpanExporter otlp\n"
            + "ApacheModuleResolveBackends  ON\n"
            + "ApacheModuleServiceInstanceId <<SID-PLACEHOLDER>>\n"
            + "ApacheModuleServiceName app\n"
            + "ApacheModuleServiceNamespace ns\n"
            + "ApacheModuleTraceAsError OFF\n",
            attributes);
    }
}
