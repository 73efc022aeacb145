using Microsoft.Extensions.Logging.Abstractions;
using Webhook.Hosting;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Sources;
using Webhook.Tests.Sources;

namespace Webhook.Tests.Hosting;

/// <summary>/readyz: ready once loaded with a certificate, and no longer once the snapshot source has stopped.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public void ReadinessProblem_LoadedWithCertificate_Ready()
    {
        var store = new SnapshotStore();
        store.Publish(InstrumentationSnapshot.Empty);

        Assert.Null(WebhookHost.ReadinessProblem(store, hasCertificate: true, stopping: false, "test"));
    }

    [Fact]
    public async Task RunSource_SourceFailsAfterLoading_NotReadyNamingSourceAndProblem()
    {
        var store = new SnapshotStore();
        var source = new ScriptedSource(store =>
        {
            store.Publish(InstrumentationSnapshot.Empty);
            throw new IOException("volume gone");
        });

        await WebhookHost.RunSourceAsync(source, store, NullLogger.Instance, CancellationToken.None);

        Assert.Equal("test stopped: volume gone", WebhookHost.ReadinessProblem(store, hasCertificate: true, stopping: false, "test"));
        Assert.Equal("test stopped: volume gone", store.LastProblem);
    }

    [Fact]
    public async Task RunSource_SourceReturnsUnasked_NotReady()
    {
        var store = new SnapshotStore();
        var source = new ScriptedSource(store => store.Publish(InstrumentationSnapshot.Empty));

        await WebhookHost.RunSourceAsync(source, store, NullLogger.Instance, CancellationToken.None);

        Assert.StartsWith("test stopped: ", WebhookHost.ReadinessProblem(store, hasCertificate: true, stopping: false, "test"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunSource_FolderSourceWhoseFolderIsGone_NotReadyNamingTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("readiness-").FullName;
        var source = new DirectorySource(folder, ImageDefaults.FromTable, new RecordingLogger<DirectorySource>());
        Directory.Delete(folder);
        var store = new SnapshotStore();

        await WebhookHost.RunSourceAsync(source, store, NullLogger.Instance, CancellationToken.None).WaitAsync(Eventually.Deadline);

        Assert.Contains("directory stopped: --instrumentations " + folder, WebhookHost.ReadinessProblem(store, hasCertificate: true, stopping: false, "directory"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunSource_CancelledWhileRunning_NotReportedAsStopped()
    {
        var store = new SnapshotStore();
        using var stop = new CancellationTokenSource();
        var source = new ScriptedSource(store => store.Publish(InstrumentationSnapshot.Empty), untilCancelled: true);

        var run = WebhookHost.RunSourceAsync(source, store, NullLogger.Instance, stop.Token);
        await Eventually.True(() => store.IsLoaded, "the first snapshot");
        await stop.CancelAsync();
        await run.WaitAsync(Eventually.Deadline);

        Assert.Null(store.Stopped);
        Assert.Null(WebhookHost.ReadinessProblem(store, hasCertificate: true, stopping: false, "test"));
    }

    /// <summary>A source that does <c>step</c> and then returns, or waits to be cancelled.</summary>
    private sealed class ScriptedSource(Action<SnapshotStore> step, bool untilCancelled = false) : ISnapshotSource
    {
        public string Name => "test";

        public async Task RunAsync(SnapshotStore store, CancellationToken cancellationToken)
        {
            await Task.Yield();
            step(store);
            if (untilCancelled)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
