namespace Webhook.Tests.Offline;

/// <summary>
/// <c>inject</c>'s notes about where an injected agent sends: read from the injected container's own env, so every
/// layer that can set the endpoint or the protocol counts, and what offline cannot know is left unsaid.
/// </summary>
public sealed class ExporterEndpointNotesTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Notes_EndpointFromTheContainersOwnEnv_WinsOverTheInstrumentation()
    {
        var deployment = WithAppEnv("[{name: OTEL_EXPORTER_OTLP_ENDPOINT, value: \"http://other:4317\"}]");
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), deployment);

        var run = InjectFixture.Run("-f", input);

        Assert.EndsWith("java: app sends http/protobuf to http://other:4317, the collector's OTLP/gRPC port; use port 4318, "
            + "or set OTEL_EXPORTER_OTLP_PROTOCOL=grpc in spec.java.env", run.Errors.TrimEnd('\n'), StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_EndpointFromValueFrom_AreNotGuessed()
    {
        var deployment = WithAppEnv("[{name: OTEL_EXPORTER_OTLP_ENDPOINT, valueFrom: {configMapKeyRef: {name: otel, key: endpoint}}}]");
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo").Replace("4318", "4317", StringComparison.Ordinal), deployment);

        var run = InjectFixture.Run("-f", input);

        Assert.True(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public void Notes_NoGeneralEndpointButASignalOne_SayNothing()
    {
        var deployment = WithAppEnv("[{name: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, value: \"http://traces:4318/v1/traces\"}]");
        var instrumentation = InjectFixture.Instrumentation("otel", "demo").Replace("  exporter:\n    endpoint: http://collector:4318\n", "", StringComparison.Ordinal);
        var input = _files.Write("deploy.yaml", instrumentation, deployment);

        var run = InjectFixture.Run("-f", input);

        Assert.DoesNotContain("endpoint", instrumentation, StringComparison.Ordinal);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public void Notes_PodThatWasNotInjected_SayNothingAboutItsEndpoint()
    {
        var deployment = WithAppEnv("[{name: OTEL_EXPORTER_OTLP_ENDPOINT, value: \"http://other:4317\"}]")
            .Replace("{" + InjectFixture.JavaAnnotation + ": \"true\"}", "{team: shop}", StringComparison.Ordinal);
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), deployment);

        var run = InjectFixture.Run("-f", input);

        Assert.Equal("", run.Errors);
    }

    private static string WithAppEnv(string env) =>
        InjectFixture.Deployment("shop", "demo") + "\n          env: " + env;
}
