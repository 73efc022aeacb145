using Webhook.Tests.Offline;

namespace Webhook.Tests.Journey;

/// <summary>
/// The guide's troubleshooting causes, one row each of the table in docs/walkthrough.md: for every cause, the message
/// with which validate, inject or manifests tells the user what went wrong and what to do.
/// </summary>
public sealed class TroubleshootingTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void InstrumentationNotInstalled_Inject_SaysThereIsNoneInTheNamespaceAndLeavesThePod()
    {
        using var otel = new InstrumentationFolder();

        var run = otel.Inject(Guide.Example("deployment-python.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("(Deployment \"python-app\"): spec.template.metadata.annotations[inject-python]: no Instrumentation in namespace \"demo\"; "
            + "pod admitted unchanged; create one, then recreate the pod", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(PodSpecs.InitContainerNames(PodSpecs.At(run.Document(0), "spec", "template", "spec")));
    }

    [Fact]
    public void InstrumentationInstalledAfterTheApp_PodsCreatedBefore_WereToldToBeRecreatedAndAreInjectedWhenTheyAre()
    {
        using var before = new InstrumentationFolder();
        using var after = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"));

        var early = before.Inject(Guide.Example("deployment-python.yaml"));
        var recreated = after.Inject(Guide.Example("deployment-python.yaml"));

        Assert.Contains("create one, then recreate the pod", early.Errors, StringComparison.Ordinal);
        Assert.Equal("", recreated.Errors);
        Assert.Contains("opentelemetry-auto-instrumentation-python", PodSpecs.InitContainerNames(PodSpecs.At(recreated.Document(0), "spec", "template", "spec")));
    }

    [Fact]
    public void WrongLanguageAnnotation_Explain_NamesTheLanguageItInjected()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"));
        var javaOnPython = _files.Write("python-app.yaml", File.ReadAllText(Guide.Example("deployment-python.yaml")).Replace("inject-python", "inject-java", StringComparison.Ordinal));

        var run = otel.Inject(javaOnPython, "--explain");

        Assert.Contains(javaOnPython + ", document 1 (Deployment \"python-app\"): java: injected into app from Instrumentation demo/demo-instrumentation", run.ErrorLines);
        Assert.Equal(" -javaagent:/otel-auto-instrumentation-java-app/javaagent.jar", PodSpecs.Env(PodSpecs.At(run.Document(0), "spec", "template", "spec"), "app", "JAVA_TOOL_OPTIONS"));
    }

    [Fact]
    public void WrongLanguageAnnotation_Misspelt_IsNamedWithTheKeyItResembles()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"));
        var typo = _files.Write("python-app.yaml", File.ReadAllText(Guide.Example("deployment-python.yaml")).Replace("inject-python", "inject-pyhton", StringComparison.Ordinal));

        var run = otel.Inject(typo);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(typo + ", document 1 (Deployment \"python-app\"): spec.template.metadata.annotations[instrumentation.opentelemetry.io/inject-pyhton]: "
            + "not an annotation the webhook reads, so it asks for nothing; did you mean instrumentation.opentelemetry.io/inject-python?", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void WrongLanguageAnnotation_ALanguageWithoutOne_ListsTheInjectAnnotationsAndInjectSdkForDeno()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"));
        var deno = _files.Write("deno-app.yaml", File.ReadAllText(Guide.Example("deployment-python.yaml")).Replace("inject-python", "inject-deno", StringComparison.Ordinal));

        var run = otel.Inject(deno);

        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("annotations[instrumentation.opentelemetry.io/inject-deno]: not an annotation the webhook reads, so it asks for nothing; the inject "
            + "annotations are inject-java, inject-nodejs, inject-python, inject-dotnet, inject-go, inject-apache-httpd, inject-nginx, inject-sdk", line, StringComparison.Ordinal);
        Assert.EndsWith("(inject-sdk for a runtime with its own SDK, such as Deno)", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec")]
    [InlineData("")]
    public void AnnotationOutsideThePodTemplate_Inject_SaysItIsIgnoredAndWhereItBelongs(string parent)
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"));
        var misplaced = _files.Write("python-app.yaml", MoveAnnotation(File.ReadAllText(Guide.Example("deployment-python.yaml")), parent));
        var path = (parent.Length == 0 ? "" : parent + ".") + "metadata.annotations[instrumentation.opentelemetry.io/inject-python]";

        var run = otel.Inject(misplaced);

        Assert.Equal(misplaced + ", document 1 (Deployment \"python-app\"): " + path + ": ignored here, the webhook reads it only from pods; "
            + "move it to spec.template.metadata.annotations", Assert.Single(run.ErrorLines));
        Assert.Empty(PodSpecs.InitContainerNames(PodSpecs.At(run.Document(0), "spec", "template", "spec")));
    }

    [Fact]
    public void EndpointNotSet_Validate_SaysTheAgentsSendToLocalhost()
    {
        var instrumentation = _files.Write("instrumentation.yaml", WithoutEndpoint());

        var run = Guide.Run("validate", "-f", instrumentation);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: " + instrumentation + ":5: spec.exporter.endpoint: not set, so the agents send to localhost, inside the pod, where no "
            + "collector listens; set it to the collector's Service, e.g. http://demo-collector:4318", run.ErrorLines);
    }

    [Fact]
    public void EndpointNotSet_Inject_SaysWhichContainerSendsToLocalhost()
    {
        using var otel = new InstrumentationFolder(_files.Write("instrumentation.yaml", WithoutEndpoint()));

        var run = otel.Inject(Guide.Example("deployment-java.yaml"));

        Assert.EndsWith("(Deployment \"java-app\"): java: app has no OTEL_EXPORTER_OTLP_ENDPOINT, so its agent sends to localhost, inside the pod, "
            + "where no collector listens; set spec.exporter.endpoint, e.g. http://demo-collector:4318", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointOnTheGrpcPort_ValidateOfTheGuidesNodejsInstrumentation_SaysTheAgentsSendHttp()
    {
        var guide = Guide.GuideVersion("instrumentation-nodejs.grpc-port.yaml");

        var run = Guide.Run("validate", "-f", guide);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("note: " + guide + ":10: spec.exporter.endpoint: port 4317 is the collector's OTLP/gRPC port, but the Java, Node.js, Python, .NET "
            + "and Go agents send http/protobuf; use port 4318 (4317 suits only Apache HTTPD and Nginx)", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("nodejs", "app", ", or set OTEL_EXPORTER_OTLP_PROTOCOL=grpc in spec.nodejs.env")]
    [InlineData("python", "app", "")]
    [InlineData("go", "opentelemetry-auto-instrumentation", ", or set OTEL_EXPORTER_OTLP_PROTOCOL=grpc in spec.go.env")]
    public void EndpointOnTheGrpcPort_InjectWithTheGuidesNodejsInstrumentation_SaysWhatTheAgentSendsAndTheFix(string language, string container, string protocolFix)
    {
        using var otel = new InstrumentationFolder(Guide.GuideVersion("instrumentation-nodejs.grpc-port.yaml"));

        var run = otel.Inject(Guide.Example("deployment-" + language + ".yaml"), Guide.Switches(language));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.EndsWith("): " + language + ": " + container + " sends http/protobuf to http://demo-collector:4317, "
            + "the collector's OTLP/gRPC port; use port 4318" + protocolFix, StringComparison.Ordinal));
    }

    [Fact]
    public void EndpointOnTheGrpcPort_WithTheProtocolSetToGrpc_IsNotReported()
    {
        var grpc = File.ReadAllText(Guide.GuideVersion("instrumentation-nodejs.grpc-port.yaml"))
            + "  nodejs:\n    env:\n      - name: OTEL_EXPORTER_OTLP_PROTOCOL\n        value: grpc\n";
        using var otel = new InstrumentationFolder(_files.Write("instrumentation.yaml", grpc));

        var validate = Guide.Run("validate", "-f", Path.Combine(otel.Path, "instrumentation.yaml"));
        var inject = otel.Inject(Guide.Example("deployment-nodejs.yaml"));

        Assert.DoesNotContain("note:", validate.Errors, StringComparison.Ordinal);
        Assert.Equal("", inject.Errors);
        Assert.Equal("grpc", PodSpecs.Env(PodSpecs.At(inject.Document(0), "spec", "template", "spec"), "app", "OTEL_EXPORTER_OTLP_PROTOCOL"));
    }

    [Fact]
    public void CollectorInAnotherNamespace_Manifests_NamesTheHostToUseFromThere()
    {
        var run = Guide.Run("manifests", "--collector", "demo", "--namespace", "opentelemetry");

        Assert.Contains("from other namespaces to http://demo-collector.opentelemetry.svc.cluster.local:4318.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonLogs_Inject_SetsTheOtlpLogsExporterSoOnlyTheLoggingSwitchIsNeeded()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"));

        var run = otel.Inject(Guide.Example("deployment-python.yaml"));

        var spec = PodSpecs.At(run.Document(0), "spec", "template", "spec");
        Assert.Equal("otlp", PodSpecs.Env(spec, "app", "OTEL_LOGS_EXPORTER"));
        Assert.Equal("http/protobuf", PodSpecs.Env(spec, "app", "OTEL_EXPORTER_OTLP_PROTOCOL"));
        Assert.Null(PodSpecs.Env(spec, "app", "OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED"));
    }

    [Fact]
    public void TwoInstrumentationsInOneNamespace_Inject_SaysToNameOne()
    {
        var logs = File.ReadAllText(Guide.Example("instrumentation-python-logs.yaml")).Replace("namespace: application", "namespace: demo", StringComparison.Ordinal);
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python.yaml"), _files.Write("instrumentation-python-logs.yaml", logs));

        var run = otel.Inject(Guide.Example("deployment-python.yaml"));

        Assert.Contains(run.ErrorLines, line => line.EndsWith("spec.template.metadata.annotations[inject-python]: 2 Instrumentations in namespace \"demo\"; "
            + "pod admitted unchanged; name one instead of \"true\"", StringComparison.Ordinal));
    }

    [Fact]
    public void GoWithoutTargetExe_Inject_SaysTheAnnotationIsMissing()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-go.yaml"));
        var withoutExe = _files.Write("go-app.yaml", string.Join('\n', File.ReadAllLines(Guide.Example("deployment-go.yaml")).Where(line => !line.Contains("otel-go-auto-target-exe:", StringComparison.Ordinal))));

        var run = otel.Inject(withoutExe, "--enable-go-instrumentation");

        Assert.Contains(run.ErrorLines, line => line.Contains("instrumentation.opentelemetry.io/otel-go-auto-target-exe: missing, Go not injected; "
            + "set it to the app's executable path", StringComparison.Ordinal));
        Assert.DoesNotContain("opentelemetry-auto-instrumentation", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GoSwitchedOff_Inject_NamesTheFlag()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-go.yaml"));

        var run = otel.Inject(Guide.Example("deployment-go.yaml"));

        Assert.EndsWith("spec.template.metadata.annotations[inject-go]: Go injection is disabled in this webhook (--enable-go-instrumentation=true, "
            + "or ENABLE_GO_AUTO_INSTRUMENTATION=true, switches it on; manifests takes the flag too); pod admitted without it", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>The guide's python Deployment with its annotation moved from the pod template to <paramref name="parent"/>'s metadata.</summary>
    private static string MoveAnnotation(string deployment, string parent)
    {
        var withoutTemplateAnnotation = deployment.Replace("      annotations:\n        instrumentation.opentelemetry.io/inject-python: \"true\"\n", "", StringComparison.Ordinal);
        return parent.Length == 0
            ? withoutTemplateAnnotation.Replace("  name: python-app\n", "  name: python-app\n  annotations:\n    instrumentation.opentelemetry.io/inject-python: \"true\"\n", StringComparison.Ordinal)
            : withoutTemplateAnnotation.Replace("spec:\n  replicas", "spec:\n  metadata:\n    annotations:\n      instrumentation.opentelemetry.io/inject-python: \"true\"\n  replicas", StringComparison.Ordinal);
    }

    private static string WithoutEndpoint() => """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata:
          name: demo-instrumentation
        spec:
          propagators: [tracecontext, baggage]
          sampler:
            type: parentbased_traceidratio
            argument: "1"
        """;
}
