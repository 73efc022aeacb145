using System.Text.Json.Nodes;
using Webhook.Tests.Offline;

namespace Webhook.Tests.Journey;

/// <summary>
/// examples/guide mirrors the auto-instrumentation guide: its Instrumentations are valid as they stand, and each
/// language's sample Deployment, next to that language's Instrumentation, comes out injected and sending to the
/// collector the guide creates.
/// </summary>
public sealed class GuideExamplesTests
{
    public static TheoryData<string> InstrumentationFiles =>
        [.. Directory.EnumerateFiles(Guide.Examples, "instrumentation-*.yaml").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    /// <summary>Each exclusion example of the guide, and one variable it must bring into the language's container.</summary>
    public static TheoryData<string, string, string, string> Exclusions => new()
    {
        { "instrumentation-dotnet-excluding.yaml", "dotnet", "OTEL_DOTNET_AUTO_TRACES_GRPCNETCLIENT_INSTRUMENTATION_ENABLED", "false" },
        { "instrumentation-java-excluding.yaml", "java", "OTEL_INSTRUMENTATION_REDISCALA_ENABLED", "false" },
        { "instrumentation-nodejs-enabled-only.yaml", "nodejs", "OTEL_NODE_ENABLED_INSTRUMENTATIONS", "http,nestjs-core" },
        { "instrumentation-nodejs-disabled.yaml", "nodejs", "OTEL_NODE_DISABLED_INSTRUMENTATIONS", "fs,grpc" },
        { "instrumentation-python-excluding.yaml", "python", "OTEL_PYTHON_DISABLED_INSTRUMENTATIONS", "requests,urllib3" },
    };

    [Fact]
    public void GuideExamples_EveryLanguage_HasAnInstrumentationAndADeployment()
    {
        var files = Directory.EnumerateFiles(Guide.Examples).Select(path => Path.GetFileName(path)).ToHashSet(StringComparer.Ordinal);

        Assert.All(Guide.Languages, language =>
        {
            Assert.Contains("instrumentation-" + language + ".yaml", files);
            Assert.Contains("deployment-" + language + ".yaml", files);
        });
    }

    [Theory]
    [MemberData(nameof(InstrumentationFiles))]
    public void Validate_GuideInstrumentation_IsValidAndItsEndpointReachesTheCollector(string file)
    {
        var run = Guide.Run("validate", "-f", Guide.Example(file));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("invalid", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", run.Errors, StringComparison.Ordinal);
        var printed = Assert.Single(run.Documents);
        Assert.Equal("Instrumentation", printed.Kind);
        Assert.Equal("http://demo-collector:4318", (string?)run.Document(0)["spec"]!["exporter"]!["endpoint"]);
    }

    [Fact]
    public void GuideInstrumentations_PerLanguage_AreTheOneResourceTheGuideRepeats()
    {
        var dotnet = Guide.Read(Guide.Example("instrumentation-dotnet.yaml"));

        Assert.All(Guide.Languages, language => Assert.True(JsonNode.DeepEquals(dotnet, Guide.Read(Guide.Example("instrumentation-" + language + ".yaml"))), language));
        Assert.Equal("demo-instrumentation", (string?)dotnet["metadata"]!["name"]);
        Assert.Null(dotnet["metadata"]!["namespace"]);
        Assert.Equal("parentbased_traceidratio", (string?)dotnet["spec"]!["sampler"]!["type"]);
        Assert.Equal("1", (string?)dotnet["spec"]!["sampler"]!["argument"]);
    }

    [Fact]
    public void NodejsExample_ComparedWithTheGuidesVersion_DiffersOnlyInThePort()
    {
        var guide = Guide.Read(Guide.GuideVersion("instrumentation-nodejs.grpc-port.yaml"));
        var example = Guide.Read(Guide.Example("instrumentation-nodejs.yaml"));

        Assert.Equal("http://demo-collector:4317", (string?)guide["spec"]!["exporter"]!["endpoint"]);
        guide["spec"]!["exporter"]!["endpoint"] = "http://demo-collector:4318";
        Assert.True(JsonNode.DeepEquals(guide, example));
    }

    [Theory]
    [MemberData(nameof(Guide.LanguageData), MemberType = typeof(Guide))]
    public void GuideDeployment_Annotation_SitsOnThePodTemplateOnly(string language)
    {
        var deployment = Guide.Read(Guide.Example("deployment-" + language + ".yaml"));

        Assert.Null(deployment["metadata"]!["annotations"]);
        Assert.Null(deployment["metadata"]!["namespace"]);
        Assert.Equal("true", (string?)deployment["spec"]!["template"]!["metadata"]!["annotations"]!["instrumentation.opentelemetry.io/inject-" + language]);
    }

    [Theory]
    [MemberData(nameof(Guide.LanguageData), MemberType = typeof(Guide))]
    public void Inject_GuideDeploymentBesideItsInstrumentation_IsInjectedSendingToTheCollectorsHttpPort(string language)
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-" + language + ".yaml"));

        var run = otel.Inject(Guide.Example("deployment-" + language + ".yaml"), ["--explain", .. Guide.Switches(language)]);

        Assert.Equal(0, run.ExitCode);
        var decision = Assert.Single(run.ErrorLines, line => line.Contains("): " + language + ": ", StringComparison.Ordinal));
        Assert.Contains(language == "go" ? "go: sidecar opentelemetry-auto-instrumentation watches app" : language + ": injected into app", decision, StringComparison.Ordinal);
        var spec = PodSpecs.At(run.Document(0), "spec", "template", "spec");
        var agent = language == "go" ? "opentelemetry-auto-instrumentation" : "app";
        Assert.Equal("http://demo-collector:4318", PodSpecs.Env(spec, agent, "OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal(language + "-app", PodSpecs.Env(spec, agent, "OTEL_SERVICE_NAME"));
        Assert.DoesNotContain(run.ErrorLines, line => line.Contains(" sends ", StringComparison.Ordinal) || line.Contains("has no OTEL_", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Exclusions))]
    public void Inject_ExclusionExample_BringsItsVariableIntoTheLanguagesContainer(string file, string language, string variable, string value)
    {
        using var otel = new InstrumentationFolder(Guide.Example(file));

        var run = otel.Inject(Guide.Example("deployment-" + language + ".yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(value, PodSpecs.Env(PodSpecs.At(run.Document(0), "spec", "template", "spec"), "app", variable));
    }

    [Fact]
    public void Inject_PythonLogsExample_TurnsLogsOnAndExportsThemOverOtlpHttp()
    {
        using var otel = new InstrumentationFolder(Guide.Example("instrumentation-python-logs.yaml"));

        var run = Guide.Run("inject", "-f", Guide.Example("deployment-python.yaml"), "--instrumentations", otel.Path, "--namespace", "application");

        Assert.Equal(0, run.ExitCode);
        var spec = PodSpecs.At(run.Document(0), "spec", "template", "spec");
        Assert.Equal("true", PodSpecs.Env(spec, "app", "OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED"));
        Assert.Equal("otlp", PodSpecs.Env(spec, "app", "OTEL_LOGS_EXPORTER"));
        Assert.Equal("http/protobuf", PodSpecs.Env(spec, "app", "OTEL_EXPORTER_OTLP_PROTOCOL"));
    }
}
