using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary><c>manifests --service-monitor</c>: a ServiceMonitor that finds the Service, its HTTPS port and /metrics, and trusts its certificate.</summary>
public sealed class ServiceMonitorTests
{
    private static readonly BundleRun s_run = BundleRun.Of("--service-monitor", "--namespace", "platform");

    private static JsonNode Endpoint => Assert.Single(s_run.Json("ServiceMonitor")["spec"]!["endpoints"]!.AsArray())!;

    [Fact]
    public void ServiceMonitor_Selector_MatchesTheServiceInItsNamespace()
    {
        var monitor = s_run.Single("ServiceMonitor");
        var selector = s_run.Json("ServiceMonitor")["spec"]!["selector"]!["matchLabels"]!.AsObject();

        Assert.Equal("monitoring.coreos.com/v1", monitor.ApiVersion);
        Assert.Equal(s_run.Service.Metadata.NamespaceProperty, monitor.Namespace);
        Assert.All(selector, label => Assert.Equal((string?)label.Value, s_run.Service.Metadata.Labels[label.Key]));
    }

    [Fact]
    public void ServiceMonitor_Endpoint_IsTheServicesHttpsPortAndTheMetricsRoute()
    {
        Assert.Equal(Assert.Single(s_run.Service.Spec.Ports).Name, (string?)Endpoint["port"]);
        Assert.Equal("https", (string?)Endpoint["scheme"]);
        Assert.Equal("/metrics", (string?)Endpoint["path"]);
    }

    [Fact]
    public void ServiceMonitor_Tls_TrustsTheCaOfTheMountedSecretForTheServiceName()
    {
        var tls = Endpoint["tlsConfig"]!;
        var mounted = Assert.Single(s_run.PodSpec.Volumes).Secret.SecretName;

        using var serving = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(s_run.Model<V1Secret>("Secret").Data["tls.crt"]));

        Assert.Equal("otel-webhook.platform.svc", (string?)tls["serverName"]);
        Assert.True(serving.MatchesHostname((string)tls["serverName"]!));
        Assert.Equal(mounted, (string?)tls["ca"]!["secret"]!["name"]);
        Assert.Equal("ca.crt", (string?)tls["ca"]!["secret"]!["key"]);
        Assert.True(s_run.Model<V1Secret>("Secret").Data.ContainsKey("ca.crt"));
    }

    [Fact]
    public void Manifests_WithoutTheFlag_HasNoServiceMonitor()
    {
        Assert.DoesNotContain(BundleRun.Of().Documents, document => document.Kind == "ServiceMonitor");
    }
}
