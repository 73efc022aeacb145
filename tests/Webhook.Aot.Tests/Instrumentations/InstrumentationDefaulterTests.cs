using Webhook.Crd;
using Webhook.Injection;
using Webhook.Instrumentations;

namespace Webhook.Tests.Instrumentations;

public sealed class InstrumentationDefaulterTests
{
    [Fact]
    public void Apply_EmptySpec_SetsEveryDefaultImageFromTheTable()
    {
        var spec = InstrumentationFixture.Load("exporter: {endpoint: http://c:4318}").Instrumentation!.Spec!;

        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0", spec.Java!.Image);
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-nodejs:0.78.0", spec.Nodejs!.Image);
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-python:0.64b0", spec.Python!.Image);
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.16.0", spec.Dotnet!.Image);
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-go-instrumentation/autoinstrumentation-go:v0.24.0", spec.Go!.Image);
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-apache-httpd:1.0.4", spec.ApacheHttpd!.Image);
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-apache-httpd:1.0.4", spec.Nginx!.Image);
    }

    [Theory]
    [InlineData("java", "500m", "256Mi", "50m", "64Mi")]
    [InlineData("nodejs", "500m", "256Mi", "50m", "128Mi")]
    [InlineData("python", "500m", "256Mi", "50m", "64Mi")]
    [InlineData("dotnet", "500m", "256Mi", "50m", "128Mi")]
    [InlineData("go", "500m", "256Mi", "50m", "64Mi")]
    [InlineData("apacheHttpd", "500m", "256Mi", "1m", "128Mi")]
    [InlineData("nginx", "500m", "256Mi", "1m", "128Mi")]
    public void Apply_NoResources_SetsThePerLanguageDefaults(string field, string limitCpu, string limitMemory, string requestCpu, string requestMemory)
    {
        var resources = InstrumentationFixture.Load("sampler: {type: always_on}").Instrumentation!.Spec!.Language(field)!.InitContainerResources!;

        Assert.Equal(limitCpu, resources.Limits!["cpu"].Text);
        Assert.Equal(limitMemory, resources.Limits!["memory"].Text);
        Assert.Equal(requestCpu, resources.Requests!["cpu"].Text);
        Assert.Equal(requestMemory, resources.Requests!["memory"].Text);
    }

    [Fact]
    public void Apply_OnlyLimitsSet_DefaultsRequestsIndependently()
    {
        var resources = InstrumentationFixture.Load("java: {resources: {limits: {memory: 1Gi}}}").Instrumentation!.Spec!.Java!.Resources!;

        Assert.Equal("1Gi", resources.Limits!["memory"].Text);
        Assert.False(resources.Limits.ContainsKey("cpu"));
        Assert.Equal("64Mi", resources.Requests!["memory"].Text);
    }

    [Fact]
    public void Apply_UserImage_KeepsIt()
    {
        var spec = InstrumentationFixture.Load("python: {image: my/python:1}").Instrumentation!.Spec!;

        Assert.Equal("my/python:1", spec.Python!.Image);
    }

    [Fact]
    public void Apply_ApacheAndNginx_DefaultVersionConfigPathAndConfigFile()
    {
        var spec = InstrumentationFixture.Load("apacheHttpd: {version: \"2.2\"}").Instrumentation!.Spec!;

        Assert.Equal("2.2", spec.ApacheHttpd!.Version);
        Assert.Equal("/usr/local/apache2/conf", spec.ApacheHttpd.ConfigPath);
        Assert.Equal("/etc/nginx/nginx.conf", spec.Nginx!.ConfigFile);
    }

    [Fact]
    public void Apply_ExistingDefaultImageAnnotation_IsOverwrittenWithTheCurrentDefault()
    {
        var loaded = InstrumentationFixture.LoadDocument("""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: otel
              annotations:
                instrumentation.opentelemetry.io/default-auto-instrumentation-java-image: old/java:1
                team: shop
            spec: {}
            """);

        var annotations = loaded.Instrumentation!.Metadata!.Annotations!;
        Assert.Equal("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0", annotations["instrumentation.opentelemetry.io/default-auto-instrumentation-java-image"]);
        Assert.Equal("shop", annotations["team"]);
        Assert.Equal(8, annotations.Count);
    }

    [Fact]
    public void Apply_ImageOverride_UsesTheOverrideForImageAndAnnotation()
    {
        var images = new ImageDefaults(new Dictionary<Language, string> { [Language.Java] = "mirror/java:2.30.0" });
        var instrumentation = new Instrumentation();

        InstrumentationDefaulter.Apply(instrumentation, images);

        Assert.Equal("mirror/java:2.30.0", instrumentation.Spec!.Java!.Image);
        Assert.Equal("mirror/java:2.30.0", instrumentation.Metadata!.Annotations!["instrumentation.opentelemetry.io/default-auto-instrumentation-java-image"]);
        Assert.NotNull(instrumentation.Metadata.Labels);
    }

    [Fact]
    public void Apply_ExporterPropagatorsSamplerAndPullPolicy_AreNotDefaulted()
    {
        var spec = InstrumentationFixture.Load("env: []").Instrumentation!.Spec!;

        Assert.Null(spec.Exporter);
        Assert.Null(spec.Propagators);
        Assert.Null(spec.Sampler);
        Assert.Null(spec.ImagePullPolicy);
        Assert.Null(spec.Java!.VolumeLimitSize);
    }
}
