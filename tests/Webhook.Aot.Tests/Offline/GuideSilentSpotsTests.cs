using Webhook.Commands;

namespace Webhook.Tests.Offline;

/// <summary>
/// Places where following the auto-instrumentation guide goes wrong without a word from the operator: each gets a
/// message from <c>inject</c> or <c>validate</c>, naming the field and the fix.
/// </summary>
public sealed class GuideSilentSpotsTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Inject_PythonToldToExportOverGrpc_SaysNothingIsSent()
    {
        var instrumentation = InjectFixture.Instrumentation("otel", "demo").Replace("endpoint: http://collector:4318",
            "endpoint: http://collector:4317\n  env:\n  - {name: OTEL_EXPORTER_OTLP_PROTOCOL, value: grpc}", StringComparison.Ordinal);
        var input = _files.Write("app.yaml", instrumentation,
            InjectFixture.Deployment("shop", "demo", "{instrumentation.opentelemetry.io/inject-python: \"true\"}"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("python: app is told to export over gRPC (OTEL_EXPORTER_OTLP_PROTOCOL=grpc), but the Python agent image has no gRPC "
            + "exporter, so nothing is sent; remove OTEL_EXPORTER_OTLP_PROTOCOL and use the collector's OTLP/HTTP port 4318", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_UnquotedTrueAnnotation_IsAnErrorNamingTheLine()
    {
        var input = _files.Write("app.yaml", InjectFixture.Instrumentation("otel", "demo"),
            InjectFixture.Deployment("shop", "demo", "{instrumentation.opentelemetry.io/inject-java: true}"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(input + ":" + LineOf(input, "inject-java: true") + ": spec.template.metadata.annotations[instrumentation.opentelemetry.io/inject-java]: "
            + "true is not a string, and the API server refuses a manifest with such an annotation; quote it: \"true\"", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_OpenTelemetryCollectorInTheInput_PointsAtManifestsCollector()
    {
        var collector = "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata: {name: demo, namespace: demo}\nspec: {mode: deployment}";
        var input = _files.Write("collector.yaml", collector);

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(OpenTelemetryCollector \"demo\"): otel-webhook runs no collectors", run.Errors, StringComparison.Ordinal);
        Assert.Contains("otel-webhook manifests --collector NAME", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<your-collector-endpoint>")]
    [InlineData("http://<collector>:4318")]
    public void Validate_PlaceholderEndpoint_SaysToFillItIn(string endpoint)
    {
        var input = _files.Write("otel.yaml", InjectFixture.Instrumentation("otel", "demo").Replace("http://collector:4318", "\"" + endpoint + "\"", StringComparison.Ordinal));

        var errors = new StringWriter();
        Webhook.Commands.CommandShell.Run(["validate", "-f", input], new StringWriter(), errors);

        Assert.Contains(input + ":" + LineOf(input, endpoint) + ": spec.exporter.endpoint: \"" + endpoint + "\" looks like a placeholder from documentation; set the real value",
            errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_PlaceholderGoTarget_SaysToSetThePath()
    {
        var input = _files.Write("app.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo",
            "{instrumentation.opentelemetry.io/inject-go: \"true\", instrumentation.opentelemetry.io/otel-go-auto-target-exe: /path/to/app}"));

        var run = InjectFixture.Run("-f", input, "--enable-go-instrumentation");

        Assert.Contains("spec.template.metadata.annotations[instrumentation.opentelemetry.io/otel-go-auto-target-exe]: \"/path/to/app\" looks like a "
            + "placeholder from documentation; set the path of the application's executable inside its container", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_WorkloadBeforeItsInstrumentation_SaysTheOrderLosesTheFirstPods()
    {
        var input = _files.Write("app.yaml", InjectFixture.Deployment("shop", "demo"), InjectFixture.Instrumentation("otel", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("document 1 (Deployment \"shop\"): comes before the Instrumentation of namespace demo in this input", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_InstrumentationBeforeTheWorkload_SaysNothingAboutOrder()
    {
        var input = _files.Write("app.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.DoesNotContain("comes before the Instrumentation", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python:3.12-slim", "Python", "inject-python")]
    [InlineData("node:22", "Node.js", "inject-nodejs")]
    public void Inject_JavaAnnotationOnAnotherLanguagesImage_SaysWhichAnnotationFits(string image, string runtime, string fits)
    {
        var deployment = InjectFixture.Deployment("shop", "demo");
        var input = _files.Write("app.yaml", InjectFixture.Instrumentation("otel", "demo"), ReplaceImage(deployment, image));

        var run = InjectFixture.Run("-f", input);

        Assert.Contains("spec.template.spec.containers[app]: image " + image + " runs " + runtime + ", but the pod asks for inject-java: the Java agent is "
            + "never loaded there; use " + fits, run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_InvalidInstrumentationSkipped_ExitsOne()
    {
        var bad = InjectFixture.Instrumentation("otel", "demo").Replace("parentbased_always_on", "always", StringComparison.Ordinal);
        var input = _files.Write("app.yaml", bad, InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 Instrumentation was invalid and skipped", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_Explain_NamesTheInitContainerItAdded()
    {
        var input = _files.Write("app.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--explain");

        Assert.Contains("(Deployment \"shop\"): adds init container opentelemetry-auto-instrumentation-java (kubectl describe pod lists it under Init Containers)",
            run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Folder_ReadsEveryYamlFileAndReportsEach()
    {
        _files.Write("otel/a.yaml", InjectFixture.Instrumentation("a", "demo"));
        var bad = _files.Write("otel/b.yaml", InjectFixture.Instrumentation("b", "demo").Replace("parentbased_always_on", "always", StringComparison.Ordinal));
        _files.Write("otel/notes.txt", "not read");
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = Webhook.Commands.CommandShell.Run(["validate", "-f", Path.Combine(_files.Folder, "otel")], output, errors);

        Assert.Equal(1, exitCode);
        Assert.Contains("name: a", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(bad + ", document 1 (Instrumentation \"b\") is invalid:", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("notes.txt", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FolderOfValidFiles_ExitsZero()
    {
        _files.Write("otel/a.yaml", InjectFixture.Instrumentation("a", "demo"));
        _files.Write("otel/b.yml", InjectFixture.Instrumentation("b", "demo"));
        var output = new StringWriter();

        var exitCode = Webhook.Commands.CommandShell.Run(["validate", "-f", Path.Combine(_files.Folder, "otel")], output, new StringWriter());

        Assert.Equal(0, exitCode);
        Assert.Contains("name: a", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("name: b", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_ShortServiceNameOfAnotherNamespace_SaysTheFullName()
    {
        var service = "apiVersion: v1\nkind: Service\nmetadata: {name: collector, namespace: observability}\nspec:\n  ports: [{port: 4318}]";
        var input = _files.Write("app.yaml", service, InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Contains("Instrumentation demo/otel: spec.exporter.endpoint http://collector:4318 names Service collector, which this input puts in "
            + "namespace observability, not demo; a short name resolves only in the pod's own namespace, so use "
            + "http://collector.observability.svc.cluster.local:4318", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_ShortServiceNameOfTheSameNamespace_SaysNothing()
    {
        var service = "apiVersion: v1\nkind: Service\nmetadata: {name: collector, namespace: demo}\nspec:\n  ports: [{port: 4318}]";
        var input = _files.Write("app.yaml", service, InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.DoesNotContain("names Service", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_Explain_SaysTheGoTargetAnnotationOverridesTheInstrumentation()
    {
        var instrumentation = InjectFixture.Instrumentation("otel", "demo") + "\n  go:\n    env:\n    - {name: OTEL_GO_AUTO_TARGET_EXE, value: /usr/bin/old}";
        var input = _files.Write("app.yaml", instrumentation, InjectFixture.Deployment("shop", "demo",
            "{instrumentation.opentelemetry.io/inject-go: \"true\", instrumentation.opentelemetry.io/otel-go-auto-target-exe: /app/server}"));

        var run = InjectFixture.Run("-f", input, "--explain", "--enable-go-instrumentation");

        Assert.Contains("go: the annotation instrumentation.opentelemetry.io/otel-go-auto-target-exe \"/app/server\" overrides OTEL_GO_AUTO_TARGET_EXE "
            + "\"/usr/bin/old\" in spec.go.env of Instrumentation demo/otel; the sidecar watches \"/app/server\"", run.Errors, StringComparison.Ordinal);
    }

    private static string ReplaceImage(string deployment, string image)
    {
        var start = deployment.IndexOf("image: ", StringComparison.Ordinal) + "image: ".Length;
        var end = deployment.IndexOf('\n', start);
        return deployment[..start] + image + (end < 0 ? "" : deployment[end..]);
    }

    private static int LineOf(string path, string text)
        => Array.FindIndex(File.ReadAllLines(path), line => line.Contains(text, StringComparison.Ordinal)) + 1;
}
