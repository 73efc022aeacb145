using System.Threading.Channels;
using k8s;
using Microsoft.Extensions.Logging;
using Webhook.Documents;
using Webhook.Instrumentations;
using Webhook.Observability;

namespace Webhook.Sources;

/// <summary>
/// Instrumentations and Namespaces from the API server, cluster-wide, by list+watch. Nothing is published until
/// both first lists are complete; afterwards every change (bursts coalesced) publishes a whole new snapshot.
/// An invalid Instrumentation is logged, reported and left out; the others stay.
/// </summary>
public sealed class KubernetesWatchSource : ISnapshotSource, IDisposable
{
    private readonly ApiServerClient _api;
    private readonly SnapshotBuilder _builder;
    private readonly ILogger _log;
    private readonly WatchOptions _options;

    public KubernetesWatchSource(KubernetesClientConfiguration configuration, ImageDefaults images, ILogger<KubernetesWatchSource> log, WatchOptions? options = null)
        : this(ApiServerClient.From(configuration), images, log, options)
    {
    }

    /// <summary>Talks plain HTTP through <paramref name="handler"/> to <paramref name="baseUri"/>: a local proxy
    /// (<c>kubectl proxy</c>) or a fake API server. The handler stays the caller's to dispose.</summary>
    public KubernetesWatchSource(Uri baseUri, HttpMessageHandler handler, ImageDefaults images, ILogger<KubernetesWatchSource> log, WatchOptions? options = null)
        : this(new ApiServerClient(new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, baseUri, null, null), images, log, options)
    {
    }

    private KubernetesWatchSource(ApiServerClient api, ImageDefaults images, ILogger log, WatchOptions? options)
    {
        _api = api;
        _builder = new SnapshotBuilder(images);
        _log = log;
        _options = options ?? new WatchOptions();
    }

    public string Name => "kubernetes";

    public WatchStatistics Statistics { get; } = new();

    public async Task RunAsync(SnapshotStore store, CancellationToken cancellationToken)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        var changed = () => { changes.Writer.TryWrite(true); };
        var instrumentations = new ListWatchLoop(WatchedResource.Instrumentations, _api, o => Read(o, WatchedResource.Instrumentations), changed,
            _options, Statistics, _log);
        var namespaces = new ListWatchLoop(WatchedResource.Namespaces, _api, o => Read(o, WatchedResource.Namespaces), changed,
            _options, Statistics, _log);

        await Task.WhenAll(
            instrumentations.RunAsync(cancellationToken),
            namespaces.RunAsync(cancellationToken),
            PublishAsync(store, changes.Reader, instrumentations, namespaces, cancellationToken)).ConfigureAwait(false);
    }

    public void Dispose() => _api.Dispose();

    private async Task PublishAsync(SnapshotStore store, ChannelReader<bool> changes, ListWatchLoop instrumentations, ListWatchLoop namespaces,
        CancellationToken cancellationToken)
    {
        try
        {
            while (await changes.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(_options.Coalesce, cancellationToken).ConfigureAwait(false);
                changes.TryRead(out _);
                if (!instrumentations.HasListed || !namespaces.HasListed)
                {
                    Statistics.PublishWithheld();
                    continue;
                }

                var entries = new List<SnapshotEntry>(instrumentations.Entries());
                entries.AddRange(namespaces.Entries());
                var snapshot = SnapshotBuilder.Build(entries);
                store.Publish(snapshot, SourceProblems.Summarize(entries.SelectMany(e => e.Errors).ToList()));
                SourceLog.SnapshotPublished(_log, Name, snapshot.Count, entries.Count(e => e.Namespace is not null));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private SnapshotEntry Read(ApiObject apiObject, WatchedResource resource)
    {
        try
        {
            var document = new SourceDocument(resource.Kind + " " + apiObject.Key, 0, 1, apiObject.Json, new LineMap(1));
            var entry = _builder.Read(document, apiObject.Namespace ?? "");
            foreach (var error in entry.Errors)
            {
                SourceLog.InstrumentationLeftOut(_log, error);
            }

            foreach (var warning in entry.Warnings)
            {
                SourceLog.InstrumentationWarning(_log, resource.Kind + " " + apiObject.Key + ": " + warning);
            }

            return entry;
        }
        catch (Exception e)
        {
            var problem = resource.Kind + " " + apiObject.Key + ": could not be read: " + e.Message;
            SourceLog.InstrumentationLeftOut(_log, problem);
            return new SnapshotEntry(null, null, [problem], []);
        }
    }
}
