namespace Webhook.Tests.Offline;

/// <summary><c>inject</c> with a workload that names another namespace's Instrumentation: said when allowed, left out when refused.</summary>
public sealed class InjectCrossNamespaceTests : IDisposable
{
    private const string SharedInstrumentationAnnotation = "{" + InjectFixture.JavaAnnotation + ": observability/otel}";

    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Inject_InstrumentationOfAnotherNamespace_InjectsAndWarnsNamingIt()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "observability"),
            InjectFixture.Deployment("shop", "demo", SharedInstrumentationAnnotation));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.True(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")), run.Errors);
        Assert.Contains(input + ", document 2 (Deployment \"shop\"): spec.template.metadata.annotations[inject-java]: takes Instrumentation \"observability/otel\""
            + " from namespace \"observability\", not the pod's namespace \"demo\"", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_InstrumentationOfAnotherNamespaceDenied_LeavesTheTemplateAndNamesTheOption()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "observability"),
            InjectFixture.Deployment("shop", "demo", SharedInstrumentationAnnotation));

        var run = InjectFixture.Run("-f", input, "--cross-namespace-instrumentations=deny");

        Assert.Equal(0, run.ExitCode);
        Assert.False(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
        Assert.Contains("spec.template.metadata.annotations[inject-java]: Instrumentation \"observability/otel\" is in namespace \"observability\"", run.Errors, StringComparison.Ordinal);
        Assert.Contains("(--cross-namespace-instrumentations=deny); pod admitted without Java injection", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_InstrumentationOfItsOwnNamespaceDenyingOthers_InjectsWithoutWarning()
    {
        var input = _files.Write("all.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--cross-namespace-instrumentations", "deny");

        Assert.Equal(0, run.ExitCode);
        Assert.True(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")), run.Errors);
        Assert.DoesNotContain("across namespaces", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_CrossNamespaceValueOtherThanAllowOrDeny_ExitsTwoNamingTheOption()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--cross-namespace-instrumentations=no");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook inject: --cross-namespace-instrumentations no is not allow or deny", run.Errors, StringComparison.Ordinal);
    }
}
