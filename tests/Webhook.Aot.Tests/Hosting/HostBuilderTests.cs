using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Webhook.Hosting;

namespace Webhook.Tests.Hosting;

/// <summary>What the server's builder reads at start-up: no settings file (so no watch on the content root) and no environment.</summary>
public sealed class HostBuilderTests
{
    [Fact]
    public void CreateBuilder_ReadsNoSettingsFilesAndNoEnvironmentVariables()
    {
        var builder = WebhookHost.CreateBuilder();

        Assert.Empty(builder.Configuration.Sources.OfType<FileConfigurationSource>());
        Assert.Empty(builder.Configuration.Sources.OfType<EnvironmentVariablesConfigurationSource>());
    }
}
