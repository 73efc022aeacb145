namespace Webhook.Memory;

/// <summary>
/// Objects grown past what a thread keeps for good (a workspace that served a pod of thousands of containers or names),
/// kept for the next such input while a burst of them lasts: a stream of large pods reuses warm storage instead of
/// building it again for every pod, and a one-off large pod leaves nothing behind once <see cref="Quiet"/> has passed
/// without one. At most <see cref="MaxKept"/> objects. Thread-safe: an object is either in the pool or in the hands of
/// the one request that took it, so <see cref="Drop"/> (from the quiet timer or the trim after large reviews) never
/// touches one in use.
/// </summary>
public sealed class BurstPool<T> : IDisposable
    where T : class
{
    private readonly Lock _lock = new();
    private readonly Stack<T> _kept = new();
    private readonly Timer _quietTimer;
    private readonly Action<T>? _letGo;
    private int _drops;

    /// <param name="afterQuietDrop">What to do once the pool let go of what it held because the burst is over (give the memory back).</param>
    /// <param name="letGo">What to do with each object the pool lets go of (dropped, or not kept because the pool is full), once it is nobody's.</param>
    public BurstPool(int maxKept, TimeSpan quiet, Action? afterQuietDrop = null, Action<T>? letGo = null)
    {
        MaxKept = maxKept;
        _letGo = letGo;
        Quiet = quiet;
        _quietTimer = new Timer(_ =>
        {
            Drop();
            afterQuietDrop?.Invoke();
        });
    }

    public int MaxKept { get; }

    /// <summary>How long after the last <see cref="Keep"/> the pool drops what it holds.</summary>
    public TimeSpan Quiet { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _kept.Count;
            }
        }
    }

    /// <summary>How many times the pool was emptied since it was made.</summary>
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>A kept object, now the caller's alone; null when there is none.</summary>
    public T? TryTake()
    {
        lock (_lock)
        {
            return _kept.TryPop(out var item) ? item : null;
        }
    }

    /// <summary>Keeps <paramref name="item"/> for the next taker, unless <see cref="MaxKept"/> are kept; the quiet period starts over.</summary>
    public void Keep(T item)
    {
        var kept = false;
        lock (_lock)
        {
            if (_kept.Count < MaxKept)
            {
                _kept.Push(item);
                kept = true;
            }

            _quietTimer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }

        if (!kept)
        {
            _letGo?.Invoke(item);
        }
    }

    /// <summary>Lets go of everything kept: the burst is over (or large reviews are being trimmed).</summary>
    public void Drop()
    {
        T[] dropped;
        lock (_lock)
        {
            dropped = _letGo is null || _kept.Count == 0 ? [] : _kept.ToArray();
            _kept.Clear();
            _quietTimer.Change(Timeout.Infinite, Timeout.Infinite);
        }

        foreach (var item in dropped)
        {
            _letGo!(item);
        }

        Interlocked.Increment(ref _drops);
    }

    public void Dispose() => _quietTimer.Dispose();
}
