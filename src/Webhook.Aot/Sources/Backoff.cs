namespace Webhook.Sources;

/// <summary>
/// Exponential backoff, capped, with "equal jitter" (half of each delay fixed, half random): replicas that lost the
/// API server at the same moment do not all come back at the same moment.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _attempt;

    public Backoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "the initial delay must be positive and at most the maximum");
        }

        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Next()
    {
        var ceiling = Ceiling(_attempt);
        if (ceiling < _max)
        {
            _attempt++;
        }

        var half = ceiling / 2;
        return half + half * _random.NextDouble();
    }

    public void Reset() => _attempt = 0;

    private TimeSpan Ceiling(int attempt)
    {
        var ticks = _initial.Ticks;
        for (var i = 0; i < attempt && ticks < _max.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, _max.Ticks));
    }
}
