using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>
/// <c>manifests --collector demo</c>: the collector the guide's Instrumentations send to, as objects the API server
/// accepts, named and wired so that <c>http://demo-collector:4318</c> and <c>:4317</c> reach it.
/// </summary>
public sealed class CollectorManifestsTests
{
    private static readonly BundleRun s_collector = BundleRun.Of("--collector", "demo");

    private static V1ConfigMap ConfigMap => s_collector.Model<V1ConfigMap>("ConfigMap");

    [Fact]
    public void Collector_Documents_AreConfigMapDeploymentServiceReadingStrictlyIntoTheirModels()
    {
        Assert.Equal(0, s_collector.ExitCode);
        Assert.Equal("", s_collector.Errors);
        Assert.Equal(["ConfigMap", "Deployment", "Service"], s_collector.Documents.Select(document => document.Kind));
        Assert.All(s_collector.Documents, document =>
            Assert.IsAssignableFrom<k8s.IKubernetesObject>(KubernetesModels.Parse(document, KubernetesModels.ModelFor(document.Kind)!)));
    }

    [Fact]
    public void Collector_Names_AreTheOperatorsNameDashCollector()
    {
        Assert.All(s_collector.Documents, document => Assert.Equal("demo-collector", document.Name));
        Assert.Equal("otc-container", s_collector.Container.Name);
    }

    [Fact]
    public void Collector_Service_SelectsTheDeploymentsPods()
    {
        var podLabels = s_collector.Deployment.Spec.Template.Metadata.Labels;

        Assert.NotEmpty(s_collector.Service.Spec.Selector);
        Assert.Equal(s_collector.Deployment.Spec.Selector.MatchLabels, s_collector.Service.Spec.Selector);
        Assert.All(s_collector.Service.Spec.Selector, label => Assert.Equal(label.Value, podLabels[label.Key]));
    }

    [Fact]
    public void Collector_Ports_AreOtlpGrpcOn4317AndOtlpHttpOn4318FromServiceToContainer()
    {
        var service = s_collector.Service.Spec.Ports.Select(port => (port.Name, port.Port, port.TargetPort.Value, port.Protocol, port.AppProtocol));
        var container = s_collector.Container.Ports.Select(port => (port.Name, port.ContainerPort, port.Protocol));

        Assert.Equal([("otlp-grpc", 4317, "4317", "TCP", "grpc"), ("otlp-http", 4318, "4318", "TCP", "http")], service);
        Assert.Equal([("otlp-grpc", 4317, "TCP"), ("otlp-http", 4318, "TCP")], container);
    }

    [Fact]
    public void Collector_Image_IsAPinnedCollectorRelease()
    {
        Assert.Matches(@"^otel/opentelemetry-collector(-contrib)?:\d+\.\d+\.\d+$", s_collector.Container.Image);
    }

    [Fact]
    public void Collector_ImageOption_ReplacesTheImage()
    {
        var run = BundleRun.Of("--collector", "demo", "--image", "registry.example/otelcol-contrib:0.158.0");

        Assert.Equal("registry.example/otelcol-contrib:0.158.0", run.Container.Image);
    }

    [Fact]
    public void Collector_Config_IsTheConfigMapKeyMountedWhereTheArgumentsReadIt()
    {
        var volume = Assert.Single(s_collector.PodSpec.Volumes);
        var mount = Assert.Single(s_collector.Container.VolumeMounts);
        var item = Assert.Single(volume.ConfigMap.Items);

        Assert.Equal(ConfigMap.Metadata.Name, volume.ConfigMap.Name);
        Assert.True(ConfigMap.Data.ContainsKey(item.Key));
        Assert.Equal(volume.Name, mount.Name);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(["--config=" + mount.MountPath + "/" + item.Path], s_collector.Container.Args);
    }

    [Fact]
    public void Collector_Pod_MeetsTheRestrictedPodSecurityStandard()
    {
        var pod = s_collector.PodSpec.SecurityContext;
        var container = s_collector.Container.SecurityContext;

        Assert.True(pod.RunAsNonRoot);
        Assert.NotEqual(0, pod.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
    }

    [Fact]
    public void Collector_Resources_LimitMemorySoMemoryLimiterPercentagesAreOfThePod()
    {
        var resources = s_collector.Container.Resources;

        Assert.True(resources.Limits.ContainsKey("memory"));
        Assert.True(resources.Requests["memory"].ToInt64() <= resources.Limits["memory"].ToInt64());
    }

    [Fact]
    public void Collector_PodTemplate_SaysFalseToEveryInjectAnnotation()
    {
        var annotations = s_collector.Deployment.Spec.Template.Metadata.Annotations;

        Assert.Equal(Webhook.Injection.InjectionTable.All.Select(language => language.InjectAnnotation).Order(StringComparer.Ordinal), annotations.Keys.Order(StringComparer.Ordinal));
        Assert.All(annotations.Values, value => Assert.Equal("false", value));
    }

    [Fact]
    public void Collector_WithoutNamespace_LeavesTheNamespaceToKubectl()
    {
        Assert.All(s_collector.Documents, document => Assert.Null(document.Namespace));
        Assert.Contains("# Instrumentations in the namespace it is applied to send to http://demo-collector:4318.", s_collector.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Collector_NamespaceOption_PutsEveryObjectThereAndNamesTheHostForOtherNamespaces()
    {
        var run = BundleRun.Of("--collector", "demo", "--namespace", "observability");

        Assert.All(run.Documents, document => Assert.Equal("observability", document.Namespace));
        Assert.Contains("# Instrumentations in namespace observability send to http://demo-collector:4318, from other namespaces to "
            + "http://demo-collector.observability.svc.cluster.local:4318.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Collector_Output_HoldsNothingOfTheInstallBundle()
    {
        Assert.DoesNotContain("otel-webhook-tls", s_collector.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(s_collector.Documents, document => document.Kind is "CustomResourceDefinition" or "MutatingWebhookConfiguration");
    }
}
