using Webhook.Commands;
using Webhook.Manifests;

namespace Webhook.Tests.Manifests;

/// <summary>The command line of <c>manifests</c>: defaults, the image option, and the mistakes it refuses with exit code 2.</summary>
public sealed class ManifestsUsageTests
{
    [Fact]
    public void Manifests_NoOptions_UsesTheDefaultNamespaceAndTheImageOfThisVersion()
    {
        var run = BundleRun.Of();

        Assert.Equal("ghcr.io/otel-webhook/otel-webhook:" + ReleaseVersion.Current, run.Container.Image);
        Assert.Equal("opentelemetry-webhook", run.Deployment.Metadata.NamespaceProperty);
        Assert.StartsWith("# otel-webhook " + ReleaseVersion.Current + " install bundle: namespace opentelemetry-webhook, image ghcr.io/otel-webhook/otel-webhook:", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], false, true)]
    [InlineData(new[] { "--enable-go-instrumentation" }, true, true)]
    [InlineData(new[] { "--enable-go-instrumentation=true", "--enable-java-instrumentation=false" }, true, false)]
    public void Manifests_LanguageSwitches_AreWhatTheDeploymentsServeArgumentsSay(string[] arguments, bool go, bool java)
    {
        var run = BundleRun.Of(arguments);

        var settings = Webhook.Commands.ServeCommand.Parse([.. run.Container.Args], _ => null).Settings;
        Assert.Equal(go, settings.IsEnabled(Webhook.Injection.Language.Go));
        Assert.Equal(java, settings.IsEnabled(Webhook.Injection.Language.Java));
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--cross-namespace-instrumentations=allow" }, true)]
    [InlineData(new[] { "--cross-namespace-instrumentations", "deny" }, false)]
    public void Manifests_CrossNamespaceOption_IsWhatTheDeploymentsServeArgumentsSay(string[] arguments, bool allowed)
    {
        var run = BundleRun.Of(arguments);

        Assert.Equal(allowed, Webhook.Commands.ServeCommand.Parse([.. run.Container.Args], _ => null).Settings.AllowCrossNamespace);
        Assert.Contains("--cross-namespace-instrumentations=" + (allowed ? "allow" : "deny"), run.Container.Args);
    }

    [Fact]
    public void Manifests_CrossNamespaceOptionWithCollector_ExitsTwo()
    {
        var run = BundleRun.Of("--collector", "demo", "--cross-namespace-instrumentations=deny");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook manifests: --cross-namespace-instrumentations is for the install bundle", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void ReleaseVersion_Current_HasNoCommitSuffix()
    {
        Assert.DoesNotContain('+', ReleaseVersion.Current);
        Assert.Matches(@"^\d+\.\d+\.\d+", ReleaseVersion.Current);
    }

    [Fact]
    public void Manifests_ImageOption_IsTheContainersImage()
    {
        var run = BundleRun.Of("--image", "registry.example/otel-webhook@sha256:0123");

        Assert.Equal("registry.example/otel-webhook@sha256:0123", run.Container.Image);
    }

    [Theory]
    [InlineData("Observability")]
    [InlineData("-observability")]
    [InlineData("observability-")]
    [InlineData("obs_ervability")]
    [InlineData("")]
    public void Manifests_NamespaceThatIsNotADnsLabel_ExitsTwoNamingIt(string name)
    {
        var run = BundleRun.Of("--namespace", name);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook manifests: --namespace '" + name + "' is not a namespace name", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Manifests_NamespaceOfSixtyFourCharacters_ExitsTwo()
    {
        Assert.Equal(0, BundleRun.Of("--namespace", new string('a', 63)).ExitCode);
        Assert.Equal(2, BundleRun.Of("--namespace", new string('a', 64)).ExitCode);
    }

    [Fact]
    public void Manifests_UnknownOption_ExitsTwoNamingIt()
    {
        var run = BundleRun.Of("--certmanager");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook manifests: unknown option '--certmanager'", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifests_CertManagerFalse_GeneratesTheCertificate()
    {
        var run = BundleRun.Of("--cert-manager=false");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Documents, document => document.Kind == "Secret");
        Assert.DoesNotContain(run.Documents, document => document.Kind == "Certificate");
    }

    [Fact]
    public void Manifests_CertManagerWithAWord_ExitsTwo()
    {
        var run = BundleRun.Of("--cert-manager=yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cert-manager=yes is not a boolean", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void Manifests_ImageThatIsNotAReference_ExitsTwo(string image)
    {
        var run = BundleRun.Of("--image", image);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook manifests: --image '" + image + "' is not an image reference", run.Errors, StringComparison.Ordinal);
    }
}
