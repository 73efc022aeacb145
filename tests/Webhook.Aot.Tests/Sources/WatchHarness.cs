using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Webhook.Instrumentations;
using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>A <see cref="KubernetesWatchSource"/> talking to a <see cref="FakeKubernetesApi"/> on loopback.</summary>
internal sealed class WatchHarness : ISourceHarness
{
    /// <summary>Short delays so that retries happen within a test; the silence limit stays long unless a test shortens it.</summary>
    public static readonly WatchOptions FastOptions = new()
    {
        Coalesce = TimeSpan.FromMilliseconds(20),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        ListTimeout = TimeSpan.FromSeconds(10),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly SocketsHttpHandler _handler = new();
    private readonly WatchOptions _options;
    private Task? _run;

    private WatchHarness(FakeKubernetesApi server, WatchOptions options)
    {
        Server = server;
        _options = options;
    }

    public FakeKubernetesApi Server { get; }

    public KubernetesWatchSource Source { get; private set; } = null!;

    public SnapshotStore Store { get; } = new();

    public RecordingLogger<KubernetesWatchSource> Log { get; } = new();

    public static async Task<WatchHarness> StartServerAsync(WatchOptions? options = null) =>
        new(await FakeKubernetesApi.StartAsync(), options ?? FastOptions);

    public Task PutAsync(string objectJson)
    {
        var kind = (string)JsonNode.Parse(objectJson)!["kind"]!;
        Collection(kind).Put(objectJson);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string kind, string? ns, string name)
    {
        Collection(kind).Delete(ns, name);
        return Task.CompletedTask;
    }

    public void Start()
    {
        Source = new KubernetesWatchSource(Server.BaseUri, _handler, ImageDefaults.FromTable, Log, _options);
        _run = Task.Run(() => Source.RunAsync(Store, _stop.Token));
    }

    public bool Logged(LogLevel level, int eventId, string containing) => Log.Has(level, eventId, containing);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Eventually.Deadline);
            Source.Dispose();
        }

        _handler.Dispose();
        await Server.DisposeAsync();
        _stop.Dispose();
    }

    private FakeCollection Collection(string kind) => kind == "Namespace" ? Server.Namespaces : Server.Instrumentations;
}
