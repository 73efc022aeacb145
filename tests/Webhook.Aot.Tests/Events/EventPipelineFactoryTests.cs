using Microsoft.Extensions.Logging;
using Webhook.Commands;
using Webhook.Events;
using Webhook.Hosting;
using Webhook.Tests.Sources;

namespace Webhook.Tests.Events;

/// <summary>Whether <c>serve</c> records Events, from its flags and the API connection it has.</summary>
public sealed class EventPipelineFactoryTests
{
    [Fact]
    public void Serve_EventsByDefault_OnAndFalseTurnsThemOff()
    {
        Assert.True(ServeCommand.Parse([], _ => null).Events);
        Assert.True(ServeCommand.Parse(["--events"], _ => null).Events);
        Assert.False(ServeCommand.Parse(["--events=false"], _ => null).Events);
        Assert.Contains("--events=nope is not a boolean", Assert.Throws<UsageException>(() => ServeCommand.Parse(["--events=nope"], _ => null)).Message);
    }

    [Fact]
    public async Task Create_EventsFalse_MakesNoSenderAndSaysSo()
    {
        // --kubeconfig names no file: opening a connection would throw, so none is opened.
        var log = new RecordingLogger<EventPipeline>();

        await using var events = EventPipelineFactory.Create(ServeCommand.Parse(["--events=false", "--kubeconfig", "/nonexistent"], _ => null), new EventStatistics(), log, _ => null);

        Assert.Null(events);
        Assert.True(log.Has(LogLevel.Information, 1301, "--events=false"));
    }

    [Fact]
    public async Task Create_FolderSourceWithoutClusterConfiguration_TurnsEventsOffAndSaysSo()
    {
        if (k8s.KubernetesClientConfiguration.IsInCluster())
        {
            // Run inside a pod, the service account is a cluster configuration: there is nothing to turn off.
            return;
        }

        var log = new RecordingLogger<EventPipeline>();
        var options = ServeCommand.Parse(["--instrumentations", AppContext.BaseDirectory], _ => null);

        await using var events = EventPipelineFactory.Create(options, new EventStatistics(), log, _ => null);

        Assert.Null(events);
        Assert.True(log.Has(LogLevel.Information, 1301, "--instrumentations"), string.Join("\n", log.Entries));
    }

    [Fact]
    public void Create_KubeconfigMissing_IsAStartUpError()
    {
        var options = ServeCommand.Parse(["--instrumentations", AppContext.BaseDirectory, "--kubeconfig", "/nonexistent/kubeconfig"], _ => null);

        var error = Assert.Throws<InvalidOperationException>(() => EventPipelineFactory.Create(options, new EventStatistics(), new RecordingLogger<EventPipeline>(), _ => null));

        Assert.Contains("--kubeconfig /nonexistent/kubeconfig", error.Message);
    }
}
