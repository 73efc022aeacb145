using Webhook.Tests.Offline;

namespace Webhook.Tests.Commands;

/// <summary>Command lines <c>inject</c> cannot run: exit code 2 and a message that says what to change.</summary>
public sealed class InjectUsageTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Inject_UnknownOption_ExitsTwoNamingIt()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--explian");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook inject: unknown option '--explian'", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Inject_WithoutFile_ExitsTwoAskingForIt()
    {
        var run = InjectFixture.Run("--explain");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("otel-webhook inject: -f FILE is required", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--enable-go-instrumentation=yes")]
    [InlineData("--enable-multi-instrumentation=")]
    public void Inject_SwitchValueThatIsNotABoolean_ExitsTwoNamingTheFlag(string argument)
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, argument);

        Assert.Equal(2, run.ExitCode);
        var flag = argument[..argument.IndexOf('=')];
        Assert.StartsWith("otel-webhook inject: " + argument + " is not a boolean; use " + flag + "=true or " + flag + "=false", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_MissingInstrumentationsFolder_ExitsTwoNamingIt()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--instrumentations: folder '" + Path.Combine(_files.Folder, "nowhere") + "' does not exist", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_NamespaceWithoutValue_ExitsTwo()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--namespace");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("option '--namespace' needs a value", run.Errors, StringComparison.Ordinal);
    }
}
