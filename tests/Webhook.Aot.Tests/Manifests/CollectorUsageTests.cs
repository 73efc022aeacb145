using Webhook.Commands;

namespace Webhook.Tests.Manifests;

/// <summary>The command line of <c>manifests --collector</c>: names that cannot make a Service, and options that belong to the install bundle.</summary>
public sealed class CollectorUsageTests
{
    [Theory]
    [InlineData("Demo")]
    [InlineData("1demo")]
    [InlineData("demo_app")]
    [InlineData("demo-")]
    [InlineData("")]
    public void Collector_NameThatCannotNameAService_ExitsTwoNamingIt(string name)
    {
        var run = BundleRun.Of("--collector", name);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook manifests: --collector '" + name + "' cannot name a Service '" + name + "-collector'", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Collector_NameOfFiftyFourCharacters_MakesAServiceNameTooLong()
    {
        Assert.Equal(0, BundleRun.Of("--collector", new string('a', 53)).ExitCode);
        Assert.Equal(2, BundleRun.Of("--collector", new string('a', 54)).ExitCode);
    }

    [Fact]
    public void Collector_WithCertManager_ExitsTwo()
    {
        var run = BundleRun.Of("--collector", "demo", "--cert-manager");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--cert-manager is for the install bundle", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Collector_WithoutAName_ExitsTwo()
    {
        var run = BundleRun.Of("--collector");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("option '--collector' needs a value", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_Manifests_DescribesTheCollectorInsteadOfTheBundle()
    {
        var output = new StringWriter();

        Assert.Equal(0, CommandShell.Run(["help", "manifests"], output, TextWriter.Null));
        Assert.Matches(@"\n      --collector NAME +print an OpenTelemetry Collector NAME-collector instead of the bundle", output.ToString());
    }
}
