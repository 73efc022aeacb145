namespace Webhook.Sources;

/// <summary>Counters of the Kubernetes watch, for metrics and tests; safe to read from any thread.</summary>
public sealed class WatchStatistics
{
    private long _watchRestarts;
    private long _relists;
    private long _watchdogRestarts;
    private long _malformedEvents;
    private long _publishesWithheld;

    /// <summary>Watches reopened after something went wrong: a dropped connection, an error, 410 Gone, the watchdog.</summary>
    public long WatchRestarts => Interlocked.Read(ref _watchRestarts);

    /// <summary>Full lists after the first one, because the resourceVersion being watched expired (410 Gone).</summary>
    public long Relists => Interlocked.Read(ref _relists);

    /// <summary>Watches restarted because they stayed silent longer than <see cref="WatchOptions.SilenceLimit"/>.</summary>
    public long WatchdogRestarts => Interlocked.Read(ref _watchdogRestarts);

    /// <summary>Watch events that could not be understood and were skipped.</summary>
    public long MalformedEvents => Interlocked.Read(ref _malformedEvents);

    /// <summary>Changes seen while a first list was still incomplete, so no snapshot was published for them.</summary>
    public long PublishesWithheld => Interlocked.Read(ref _publishesWithheld);

    internal void WatchRestarted() => Interlocked.Increment(ref _watchRestarts);

    internal void Relisted() => Interlocked.Increment(ref _relists);

    internal void WatchdogRestarted() => Interlocked.Increment(ref _watchdogRestarts);

    internal void MalformedEvent() => Interlocked.Increment(ref _malformedEvents);

    internal void PublishWithheld() => Interlocked.Increment(ref _publishesWithheld);
}
