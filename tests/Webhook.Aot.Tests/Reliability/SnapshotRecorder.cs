using System.Collections.Concurrent;
using Webhook.Injection.Snapshot;
using Webhook.Sources;

namespace Webhook.Tests.Reliability;

/// <summary>Keeps every snapshot a store publishes from now on, to check what was served while a fault lasted.</summary>
internal sealed class SnapshotRecorder : IDisposable
{
    private readonly SnapshotStore _store;
    private readonly ConcurrentQueue<InstrumentationSnapshot> _published = new();

    public SnapshotRecorder(SnapshotStore store)
    {
        _store = store;
        _store.Published += _published.Enqueue;
    }

    public IReadOnlyList<InstrumentationSnapshot> Published => [.. _published];

    public void Dispose() => _store.Published -= _published.Enqueue;
}
