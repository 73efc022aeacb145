using Webhook.Crd;
using Webhook.Injection.WebServers;

namespace Webhook.Tests.Injection.WebServers;

public sealed class NginxConfigTests
{
    // operator-behavior §8.7: attrs NginxModuleOtelMaxQueueSize=4096, pod my-nginx-6c44bcbdd without owners, namespace ns.
    private const string SpecExample =
        "NginxModuleEnabled ON;\n"
        + "NginxModuleOtelExporterEndpoint http://otlp-endpoint:4317;\n"
        + "NginxModuleOtelMaxQueueSize 4096;\n"
        + "NginxModuleOtelSpanExporter otlp;\n"
        + "NginxModuleResolveBackends ON;\n"
        + "NginxModuleServiceInstanceId <<SID-PLACEHOLDER>>;\n"
        + "NginxModuleServiceName my-nginx-6c44bcbdd;\n"
        + "NginxModuleServiceNamespace ns;\n"
        + "NginxModuleTraceAsError ON;\n";

    [Fact]
    public void Build_SpecExample_MatchesByteForByte()
    {
        var settings = new WebServerModuleSettings("http://otlp-endpoint:4317", "my-nginx-6c44bcbdd", "ns");

        var config = NginxConfig.Build(settings, [new EnvVar { Name = "NginxModuleOtelMaxQueueSize", Value = "4096" }]);

        Assert.Equal(SpecExample, config);
    }

    [Fact]
    public void Build_AttrNamingADefault_ReplacesItsValue()
    {
        var settings = new WebServerModuleSettings("http://otlp-endpoint:4317", "my-nginx-6c44bcbdd", "ns");

        var config = NginxConfig.Build(settings, [new EnvVar { Name = "NginxModuleEnabled", Value = "OFF" }]);

        Assert.StartsWith("NginxModuleEnabled OFF;\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("NginxModuleEnabled ON;", config, StringComparison.Ordinal);
    }
}
