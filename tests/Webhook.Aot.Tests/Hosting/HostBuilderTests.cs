using Microsoft.Extensions.Configuration;
using Webhook.Hosting;

namespace Webhook.Tests.Hosting;

/// <summary>What the server's builder reads at start-up: appsettings.json once, with no watch on the content root.</summary>
public sealed class HostBuilderTests
{
    [Fact]
    public void CreateBuilder_ReadsSettingsFilesWithoutWatchingThem()
    {
        var builder = WebhookHost.CreateBuilder();

        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.Contains(files, file => file.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.ReloadOnChange, file.Path + " is watched for changes"));
    }
}
