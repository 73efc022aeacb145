using System.Net;
using Webhook.Commands;

namespace Webhook.Tests.Commands;

/// <summary><c>serve</c>'s command line, parsed before anything starts: a mistake is exit code 2 naming the option.</summary>
public sealed class ServeOptionsTests
{
    [Fact]
    public void Parse_NoListenAddress_ListensOnEveryInterface()
    {
        var options = ServeCommand.Parse([], _ => null);

        Assert.Null(options.ListenAddress);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    public void Parse_ListenAddress_IsThatAddress(string address)
    {
        var options = ServeCommand.Parse(["--listen-address", address], _ => null);

        Assert.Equal(IPAddress.Parse(address), options.ListenAddress);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("1")]
    [InlineData("127.0.0.256")]
    [InlineData("")]
    public void Run_ListenAddressThatIsNotAnAddress_ExitsTwoNamingTheOption(string address)
    {
        var errors = new StringWriter();

        var exitCode = CommandShell.Run(["serve", "--listen-address=" + address, "--cert-dir", "/nonexistent/never-created"], TextWriter.Null, errors);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("otel-webhook serve: --listen-address " + address + " is not an IP address", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoCrossNamespaceOption_AllowsOtherNamespacesAsTheOperator()
    {
        Assert.True(ServeCommand.Parse([], _ => null).Settings.AllowCrossNamespace);
    }

    [Theory]
    [InlineData("--cross-namespace-instrumentations=deny", false)]
    [InlineData("--cross-namespace-instrumentations=allow", true)]
    public void Parse_CrossNamespaceOption_IsTheSetting(string argument, bool allowed)
    {
        Assert.Equal(allowed, ServeCommand.Parse([argument], _ => null).Settings.AllowCrossNamespace);
    }

    [Fact]
    public void Run_CrossNamespaceValueOtherThanAllowOrDeny_ExitsTwoNamingTheOption()
    {
        var errors = new StringWriter();

        var exitCode = CommandShell.Run(["serve", "--cross-namespace-instrumentations", "Deny"], TextWriter.Null, errors);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("otel-webhook serve: --cross-namespace-instrumentations Deny is not allow or deny", errors.ToString(), StringComparison.Ordinal);
    }
}
