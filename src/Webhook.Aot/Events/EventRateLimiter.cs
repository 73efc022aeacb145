namespace Webhook.Events;

/// <summary>
/// A token bucket per regarding object and one for all API requests: a workload that keeps failing cannot flood
/// its namespace with Events, nor all of them the API server.
/// </summary>
public sealed class EventRateLimiter(EventOptions options, DateTime now)
{
    private readonly Dictionary<RegardingObject, TokenBucket> _perObject = new();
    private readonly TokenBucket _overall = new(options.OverallBurst, options.OverallRefill, now);

    /// <summary>A new Event about <paramref name="regarding"/> may be created: takes a token from its bucket and the overall one.</summary>
    public bool TryCreate(RegardingObject regarding, DateTime now)
    {
        if (!_perObject.TryGetValue(regarding, out var bucket))
        {
            if (_perObject.Count >= options.MaxSeries)
            {
                Prune(now);
            }

            bucket = new TokenBucket(options.PerObjectBurst, options.PerObjectRefill, now);
            _perObject[regarding] = bucket;
        }

        return bucket.TryTake(now) && _overall.TryTake(now);
    }

    /// <summary>A series update may be sent: takes a token from the overall bucket.</summary>
    public bool TryUpdate(DateTime now) => _overall.TryTake(now);

    /// <summary>Forgets the objects whose bucket has refilled: they are as if never seen.</summary>
    public void Prune(DateTime now)
    {
        foreach (var (regarding, bucket) in _perObject)
        {
            if (bucket.IsFull(now))
            {
                _perObject.Remove(regarding);
            }
        }
    }
}
