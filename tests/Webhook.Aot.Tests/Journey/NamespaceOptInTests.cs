using Webhook.Tests.Offline;

namespace Webhook.Tests.Journey;

/// <summary>
/// The guide's alternative to annotating each Deployment: an inject annotation on the Namespace opts in every pod
/// there, except a pod that says "false", which the collector from <c>manifests --collector</c> does.
/// </summary>
public sealed class NamespaceOptInTests : IDisposable
{
    private const string OptedInNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
          annotations:
            instrumentation.opentelemetry.io/inject-java: "true"
        """;

    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void NamespaceAnnotation_DeploymentWithoutOne_IsInjected()
    {
        var unannotated = File.ReadAllText(Guide.Example("deployment-java.yaml"))
            .Replace("      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n", "", StringComparison.Ordinal);
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-java.yaml"), _files.Write("namespace.yaml", OptedInNamespace));

        var run = otel.Inject(_files.Write("java-app.yaml", unannotated), "--explain");

        Assert.DoesNotContain("inject-java: \"true\"", unannotated, StringComparison.Ordinal);
        Assert.Contains(run.ErrorLines, line => line.EndsWith("java: injected into app from Instrumentation demo/demo-instrumentation", StringComparison.Ordinal));
        Assert.True(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(0), "spec", "template", "spec")));
    }

    [Fact]
    public void NamespaceAnnotation_CollectorFromManifests_IsLeftAlone()
    {
        var collector = Guide.Run("manifests", "--collector", "demo").Output;
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-java.yaml"), _files.Write("namespace.yaml", OptedInNamespace));

        var run = otel.Inject(_files.Write("collector.yaml", collector), "--explain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.EndsWith("(Deployment \"demo-collector\"): the pod template opts out: instrumentation.opentelemetry.io/inject-java is \"false\", which wins over its namespace's value", StringComparison.Ordinal));
        Assert.DoesNotContain(run.ErrorLines, line => line.Contains("no inject annotation", StringComparison.Ordinal));
        Assert.False(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
    }
}
