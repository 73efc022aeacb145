using Webhook.Injection;
using Webhook.Memory;

namespace Webhook.Admission;

/// <summary>
/// Reviews over <see cref="ThresholdBytes"/> are answered <see cref="MaxAtOnce"/> at a time: what injection makes of a
/// review (the pod view, decoded strings, the patch) grows with its size, so a handful of 8 MiB reviews at once could
/// fill a heap that a thousand typical ones never touch. A large review waits up to <see cref="MaxWait"/> for a slot,
/// then is refused like one over the <see cref="BodyBudget"/> (HTTP 503: the API server applies the failure policy).
/// Once the last large review is answered and none follows for <see cref="QuietBeforeTrim"/>, the memory they used
/// is given back to the system (<see cref="Trim"/>), so a burst of large reviews does not leave the process at its
/// peak. Typical reviews never come here.
/// </summary>
public sealed class LargeReviews : IDisposable
{
    /// <summary>1 MiB: a typical pod review is about 5 KB, and a pod with hundreds of containers stays well under.</summary>
    public const int ThresholdBytes = 1024 * 1024;

    /// <summary>Two: one per core of the Deployment's CPU limit, and 2 × 7 MiB of work fits the heap beside the body budget.</summary>
    public const int MaxAtOnce = 2;

    /// <summary>Far below the API server's timeout (5 s in the manifests rendered here), far above one large review's work.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    /// <summary>How long no large review has been in flight before their memory is given back.</summary>
    public static readonly TimeSpan QuietBeforeTrim = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots;
    private readonly Action _trim;
    private readonly Timer _trimTimer;
    private readonly TimeSpan _quiet;
    private readonly Lock _lock = new();
    private int _inFlight;
    private int _trims;

    public LargeReviews(int maxAtOnce, TimeSpan quietBeforeTrim, Action trim)
    {
        _slots = new SemaphoreSlim(maxAtOnce, maxAtOnce);
        _quiet = quietBeforeTrim;
        _trim = trim;
        _trimTimer = new Timer(_ => TrimWhenQuiet());
    }

    /// <summary>The one gate of the process, shared by every admission endpoint.</summary>
    public static LargeReviews Shared { get; } = new(MaxAtOnce, QuietBeforeTrim, Trim);

    /// <summary>How many times the memory of large reviews was given back since the start.</summary>
    public int Trims => Volatile.Read(ref _trims);

    public static bool IsLarge(int bodyBytes) => bodyBytes > ThresholdBytes;

    /// <summary>A slot for one large review, within <paramref name="maxWait"/>; false when none came free in time.</summary>
    public async Task<bool> EnterAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(maxWait, cancellationToken))
        {
            return false;
        }

        lock (_lock)
        {
            _inFlight++;
            _trimTimer.Change(Timeout.Infinite, Timeout.Infinite);
        }

        return true;
    }

    /// <summary>Gives the slot back; the last one out starts the quiet period after which memory is trimmed.</summary>
    public void Leave()
    {
        lock (_lock)
        {
            if (--_inFlight == 0)
            {
                _trimTimer.Change(_quiet, Timeout.InfiniteTimeSpan);
            }
        }

        _slots.Release();
    }

    public void Dispose()
    {
        _trimTimer.Dispose();
        _slots.Dispose();
    }

    /// <summary>
    /// Lets go of the burst workspaces (<see cref="InjectionWorkspace.DropBurstWorkspaces"/>), then gives the memory
    /// back (<see cref="MemoryTrim.GiveBack"/>): the large reviews' buffers and strings are garbage by now.
    /// </summary>
    private static void Trim()
    {
        InjectionWorkspace.DropBurstWorkspaces();
        MemoryTrim.GiveBack();
    }

    private void TrimWhenQuiet()
    {
        lock (_lock)
        {
            if (_inFlight > 0)
            {
                return;
            }
        }

        _trim();
        Interlocked.Increment(ref _trims);
    }
}
