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

    public InstrumentationSnapshot Current => Volatile.Read(ref _current);

    public bool IsLoaded => Volatile.Read(ref _publishedTicks) != 0;

    /// <summary>When the current snapshot was published (UTC), or null before the first.</summary>
    public DateTimeOffset? PublishedAt => IsLoaded ? new DateTimeOffset(Volatile.Read(ref _publishedTicks), TimeSpan.Zero) : null;

    /// <summary>The last problem a source reported while keeping the previous snapshot (for readiness detail and logs).</summary>
    public string? LastProblem => Volatile.Read(ref _lastProblem);

    public event Action<InstrumentationSnapshot>? Published;

    public void Publish(InstrumentationSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        Volatile.Write(ref _publishedTicks, DateTimeOffset.UtcNow.UtcTicks);
        Volatile.Write(ref _lastProblem, null);
        Published?.Invoke(snapshot);
    }

    public void ReportProblem(string problem) => Volatile.Write(ref _lastProblem, problem);
}
