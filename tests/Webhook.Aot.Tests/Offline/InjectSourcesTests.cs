using static Webhook.Tests.Offline.PodSpecs;

namespace Webhook.Tests.Offline;

/// <summary>Where <c>inject</c> finds Instrumentations and Namespaces: the --instrumentations folder and the input itself.</summary>
public sealed class InjectSourcesTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Inject_InstrumentationInTheFolder_IsUsed()
    {
        _files.Write("otel/instrumentation.yaml", InjectFixture.Instrumentation("otel", "demo"));
        _files.Write("otel/notes.txt", "kind: Instrumentation\nnot: read");
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"));

        Assert.Equal(0, run.ExitCode);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(0), "spec", "template", "spec")), run.Errors);
        Assert.Single(run.Documents);
    }

    [Fact]
    public void Inject_InstrumentationInTheInput_IsUsedAndWrittenOut()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(2, run.Documents.Count);
        Assert.Equal("Instrumentation", (string?)run.Document(0)["kind"]);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")), run.Errors);
    }

    [Fact]
    public void Inject_NoInstrumentationInTheNamespace_LeavesTheTemplateAndWarns()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "other"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.False(IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
        Assert.Contains(input + ", document 2 (Deployment \"shop\"): spec.template.metadata.annotations[inject-java]: no Instrumentation in namespace \"demo\"",
            run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_NamespaceOption_PlacesWorkloadsAndInstrumentationsWithoutANamespace()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", ns: null), InjectFixture.Deployment("shop", ns: null));

        var run = InjectFixture.Run("-f", input, "--namespace", "shop-ns");

        var spec = PodSpecs.At(run.Document(1), "spec", "template", "spec");
        Assert.True(IsJavaInjected(spec), run.Errors);
        Assert.Contains("k8s.namespace.name=shop-ns,", Env(spec, "app", "OTEL_RESOURCE_ATTRIBUTES"), StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_WithoutNamespaceOption_UsesTheDefaultNamespace()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "shop-ns"), InjectFixture.Deployment("shop", ns: null));

        var run = InjectFixture.Run("-f", input);

        Assert.False(IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
        Assert.Contains("no Instrumentation in namespace \"default\"", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_BadInstrumentationInTheFolder_IsReportedWithItsLineAndSkipped()
    {
        _files.Write("otel/good.yaml", InjectFixture.Instrumentation("good", "demo"));
        var bad = _files.Write("otel/bad.yaml", InjectFixture.Instrumentation("bad", "demo").Replace("parentbased_always_on", "always", StringComparison.Ordinal));
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"));

        Assert.Equal(1, run.ExitCode); // the output is still written, with the good one applied
        Assert.Contains(bad + ", document 1 (Instrumentation \"bad\") is invalid and was skipped:", run.Errors, StringComparison.Ordinal);
        Assert.Contains(bad + ":10: spec.sampler.type: unsupported value \"always\"", run.Errors, StringComparison.Ordinal);
        // Had the bad one been kept, "true" would find two Instrumentations in demo and inject nothing.
        var spec = PodSpecs.At(run.Document(0), "spec", "template", "spec");
        Assert.True(IsJavaInjected(spec), run.Errors);
    }

    [Fact]
    public void Inject_InstrumentationWithAValidationWarning_IsUsedAndTheWarningNamesIt()
    {
        var instrumentation = InjectFixture.Instrumentation("otel", "demo").Replace("type: parentbased_always_on", "argument: \"0.5\"", StringComparison.Ordinal);
        var input = _files.Write("all.yaml", instrumentation, InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(input + ", document 1 (Instrumentation \"otel\"): sampler type not set\n", run.Errors);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
    }

    [Fact]
    public void Inject_UnreadableFileInTheFolder_IsReportedAndTheRestUsed()
    {
        _files.Write("otel/good.yaml", InjectFixture.Instrumentation("good", "demo"));
        var broken = _files.Write("otel/broken.yaml", "kind: Instrumentation\nmetadata: {name: [oops\n");
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(broken + ": document 1, line ", run.Errors, StringComparison.Ordinal);
        Assert.Contains("; file skipped", run.Errors, StringComparison.Ordinal);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(0), "spec", "template", "spec")), run.Errors);
    }

    [Fact]
    public void Inject_FolderFileThatIsNotUtf8_IsSkippedAsServeSkipsIt()
    {
        _files.Write("otel/good.yaml", InjectFixture.Instrumentation("good", "demo"));
        var latin1 = Path.Combine(_files.Folder, "otel", "latin1.yaml");
        File.WriteAllBytes(latin1, System.Text.Encoding.Latin1.GetBytes("kind: Namespace\nmetadata: {name: café}\n"));
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(latin1 + ": is not UTF-8 text; file skipped", run.Errors, StringComparison.Ordinal);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(0), "spec", "template", "spec")), run.Errors);
    }

    [Fact]
    public void Inject_NamespaceAnnotationInTheInput_InjectsTemplatesWithoutOne()
    {
        var ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n  annotations: {instrumentation.opentelemetry.io/inject-java: \"true\"}";
        var input = _files.Write("all.yaml", ns, InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo", templateAnnotations: "{}"));

        var run = InjectFixture.Run("-f", input);

        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(2), "spec", "template", "spec")), run.Errors);
    }

    [Theory]
    [InlineData("--enable-java-instrumentation=false", false)]
    [InlineData("--enable-java-instrumentation=0", false)]
    [InlineData("--enable-java-instrumentation=true", true)]
    [InlineData("--enable-java-instrumentation", true)]
    public void Inject_JavaSwitch_DecidesWhetherJavaIsInjected(string flag, bool injected)
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, flag);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(injected, IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
        Assert.Equal(!injected, run.Errors.Contains("Java injection is disabled", StringComparison.Ordinal));
    }

    [Fact]
    public void Inject_ImageOption_ReplacesTheDefaultAgentImage()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--auto-instrumentation-java-image", "registry.local/java-agent:9.9.9");

        var init = PodSpecs.At(run.Document(1), "spec", "template", "spec")["initContainers"]![0]!;
        Assert.Equal("registry.local/java-agent:9.9.9", (string?)init["image"]);
    }
}
