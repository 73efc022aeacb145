namespace Webhook.Admission;

/// <summary>
/// The bytes of request bodies that all requests in flight may hold together. A body takes from the budget as its
/// buffer grows with the bytes that arrive, and gives everything back when it is disposed or its read fails; a body
/// that cannot take what it needs is refused with <see cref="AdmissionOutcome.Overloaded"/> (HTTP 503).
/// </summary>
public sealed class BodyBudget(long capBytes)
{
    /// <summary>
    /// 64 MiB, from the Deployment's 256 Mi memory limit (deploy/): the process is about 33 MiB at rest and peaked at
    /// 76 MiB at saturation (docs/performance.md, "Footprint"); Kestrel holds at most
    /// <see cref="Hosting.KestrelLimits.MaxConnections"/> × ~128 KiB of unread input (32 MiB); injection's reused
    /// workspaces and the responses being written need room of their own, a few times the largest pod in flight.
    /// 64 MiB of bodies leaves more than half of the limit for those, and still holds eight 7 MiB reviews, or
    /// twenty 3 MiB ones, at once: more than the API server sends to one replica. Bodies over 64 KiB are held outside
    /// the GC heap (<see cref="RequestBody"/>), so this cap counts beside the GC's heap limit, not inside it.
    /// </summary>
    public const long SharedCapBytes = 64L * 1024 * 1024;

    private long _inUse;

    /// <summary>The one budget of the process, shared by every admission endpoint.</summary>
    public static BodyBudget Shared { get; } = new(SharedCapBytes);

    public long CapBytes => capBytes;

    public long InUseBytes => Interlocked.Read(ref _inUse);

    /// <summary>Takes <paramref name="bytes"/> when they fit under the cap; false (and nothing taken) otherwise.</summary>
    public bool TryTake(int bytes)
    {
        var current = Interlocked.Read(ref _inUse);
        while (true)
        {
            if (current + bytes > capBytes)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _inUse, current + bytes, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }
    }

    public void Give(int bytes) => Interlocked.Add(ref _inUse, -bytes);
}
