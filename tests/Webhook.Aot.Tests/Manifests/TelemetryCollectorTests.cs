using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>
/// <c>manifests --telemetry-collector</c>: a collector in the webhook's namespace, and the webhook's OTLP settings
/// pointing at its Service, so the webhook's own telemetry has somewhere to go.
/// </summary>
public sealed class TelemetryCollectorTests
{
    private static readonly BundleRun s_run = BundleRun.Of("--telemetry-collector", "--namespace", "platform");

    private static V1Service CollectorService => KubernetesModels.Parse<V1Service>(Assert.Single(s_run.Documents, d => d.Kind == "Service" && d.Name == "otel-webhook-collector"));

    private static V1Deployment CollectorDeployment => KubernetesModels.Parse<V1Deployment>(Assert.Single(s_run.Documents, d => d.Kind == "Deployment" && d.Name == "otel-webhook-collector"));

    private static V1Container Webhook => Assert.Single(KubernetesModels.Parse<V1Deployment>(Assert.Single(s_run.Documents, d => d.Kind == "Deployment" && d.Name == "otel-webhook")).Spec.Template.Spec.Containers);

    [Fact]
    public void TelemetryCollector_Endpoint_IsTheCollectorServicesOtlpHttpPort()
    {
        var endpoint = new Uri(Assert.Single(Webhook.Env, variable => variable.Name == "OTEL_EXPORTER_OTLP_ENDPOINT").Value);
        var service = CollectorService;

        Assert.Equal("http", endpoint.Scheme);
        Assert.Equal(service.Metadata.Name + "." + service.Metadata.NamespaceProperty + ".svc.cluster.local", endpoint.Host);
        Assert.Equal("otlp-http", Assert.Single(service.Spec.Ports, port => port.Port == endpoint.Port).Name);
        Assert.Equal("http/protobuf", Assert.Single(Webhook.Env, variable => variable.Name == "OTEL_EXPORTER_OTLP_PROTOCOL").Value);
    }

    [Fact]
    public void TelemetryCollector_Objects_AreInTheWebhooksNamespaceAndTheServiceSelectsTheCollectorOnly()
    {
        var collectorPods = CollectorDeployment.Spec.Template.Metadata.Labels;
        var collectorObjects = s_run.Documents.Where(d => d.Name == "otel-webhook-collector").ToList();
        var webhookService = KubernetesModels.Parse<V1Service>(Assert.Single(s_run.Documents, d => d.Kind == "Service" && d.Name == "otel-webhook"));

        Assert.Equal(["ConfigMap", "Deployment", "Service"], collectorObjects.Select(d => d.Kind!).Order(StringComparer.Ordinal));
        Assert.All(collectorObjects, document => Assert.Equal("platform", document.Namespace));
        Assert.All(CollectorService.Spec.Selector, label => Assert.Equal(label.Value, collectorPods[label.Key]));
        Assert.NotEqual(collectorPods["app.kubernetes.io/name"], webhookService.Spec.Selector["app.kubernetes.io/name"]);
    }

    [Fact]
    public void Manifests_WithoutTheFlag_SetNoOtlpEndpoint()
    {
        var run = BundleRun.Of();

        Assert.DoesNotContain(run.Container.Env, variable => variable.Name.StartsWith("OTEL_", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Documents, document => document.Name == "otel-webhook-collector");
    }

    [Fact]
    public void Collector_WithABundleOption_IsAUsageError()
    {
        var run = BundleRun.Of("--collector", "demo", "--telemetry-collector");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--telemetry-collector is for the install bundle; leave it out with --collector", run.Errors, StringComparison.Ordinal);
    }
}
