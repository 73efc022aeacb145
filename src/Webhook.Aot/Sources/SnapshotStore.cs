using Webhook.Injection.Snapshot;

namespace Webhook.Sources;

/// <summary>
/// Holds the current snapshot. Sources build a new immutable snapshot and publish it with one write; each request
/// reads <see cref="Current"/> once. Not ready until the first complete snapshot is published.
/// </summary>
public sealed class SnapshotStore
{
    private InstrumentationSnapshot _current = InstrumentationSnapshot.Empty;
    private long _publishedTicks;
    private string? _lastProblem;
    private string? _stopped;

    public InstrumentationSnapshot Current => Volatile.Read(ref _current);

    public bool IsLoaded => Volatile.Read(ref _publishedTicks) != 0;

    /// <summary>When the current snapshot was published (UTC), or null before the first.</summary>
    public DateTimeOffset? PublishedAt => IsLoaded ? new DateTimeOffset(Volatile.Read(ref _publishedTicks), TimeSpan.Zero) : null;

    /// <summary>The last problem a source reported while keeping the previous snapshot (for readiness detail and logs).</summary>
    public string? LastProblem => Volatile.Read(ref _lastProblem);

    /// <summary>Why the source feeding this store stopped, or null while it runs: from then on the snapshot only grows stale.</summary>
    public string? Stopped => Volatile.Read(ref _stopped);

    public event Action<InstrumentationSnapshot>? Published;

    /// <summary>
    /// Publishes a snapshot with what was wrong in building it (null: nothing). The problem is written before the
    /// snapshot counts as loaded, so nobody sees a loaded snapshot without the problem that came with it.
    /// </summary>
    public void Publish(InstrumentationSnapshot snapshot, string? problem = null)
    {
        Volatile.Write(ref _current, snapshot);
        Volatile.Write(ref _lastProblem, problem);
        Volatile.Write(ref _publishedTicks, DateTimeOffset.UtcNow.UtcTicks);
        Published?.Invoke(snapshot);
    }

    public void ReportProblem(string problem) => Volatile.Write(ref _lastProblem, problem);

    /// <summary>The source will publish no more; <paramref name="reason"/> becomes the last problem too.</summary>
    public void ReportStopped(string reason)
    {
        Volatile.Write(ref _lastProblem, reason);
        Volatile.Write(ref _stopped, reason);
    }
}
