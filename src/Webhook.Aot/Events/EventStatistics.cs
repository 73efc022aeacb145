using Webhook.Observability;

namespace Webhook.Events;

/// <summary>Counts of what became of admission warnings as Events; read by /metrics and by tests.</summary>
public sealed class EventStatistics : IEventCounts
{
    private long _created;
    private long _updated;
    private long _queueFull;
    private long _rateLimited;
    private long _failed;

    /// <summary>Events created (POST).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Series counts brought up to date (PATCH).</summary>
    public long Updated => Interlocked.Read(ref _updated);

    /// <summary>Warnings not queued: the queue was full.</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _queueFull);

    /// <summary>New Events not sent: their object, or the webhook as a whole, sent too many lately.</summary>
    public long DroppedRateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Requests the API server refused, failed or did not answer in time.</summary>
    public long DroppedFailed => Interlocked.Read(ref _failed);

    internal void CountCreated() => Interlocked.Increment(ref _created);

    internal void CountUpdated() => Interlocked.Increment(ref _updated);

    internal void CountQueueFull() => Interlocked.Increment(ref _queueFull);

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void CountFailed() => Interlocked.Increment(ref _failed);
}
