namespace Webhook.Events;

/// <summary>Up to <c>burst</c> tokens, one more every <c>refill</c>; taking one fails when none is left.</summary>
public sealed class TokenBucket(int burst, TimeSpan refill, DateTime now)
{
    private double _tokens = burst;
    private DateTime _updated = now;

    public bool TryTake(DateTime now)
    {
        Refill(now);
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }

    /// <summary>True when the bucket is back to its burst: it holds no state worth keeping.</summary>
    public bool IsFull(DateTime now)
    {
        Refill(now);
        return _tokens >= burst;
    }

    private void Refill(DateTime now)
    {
        if (now > _updated)
        {
            _tokens = Math.Min(burst, _tokens + ((now - _updated) / refill));
            _updated = now;
        }
    }
}
