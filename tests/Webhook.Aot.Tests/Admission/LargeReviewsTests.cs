using Webhook.Admission;

namespace Webhook.Tests.Admission;

/// <summary>
/// The gate for reviews over 1 MiB: at most so many at once, a review that finds no slot in time is refused (the
/// caller answers 503), and once the last one is answered and the gate stays quiet, memory is given back once.
/// </summary>
public sealed class LargeReviewsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EnterAsync_AllSlotsTaken_FalseUntilOneIsGivenBack()
    {
        using var gate = new LargeReviews(maxAtOnce: 2, Patience, () => { });

        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));

        gate.Leave();

        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task EnterAsync_WaitingForASlot_GetsTheOneGivenBack()
    {
        using var gate = new LargeReviews(maxAtOnce: 1, Patience, () => { });
        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));

        var waiting = gate.EnterAsync(Patience, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        gate.Leave();

        Assert.True(await waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task Leave_LastOneOut_TrimsOnceAfterTheQuietPeriod()
    {
        var trims = 0;
        using var gate = new LargeReviews(maxAtOnce: 2, TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref trims));
        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));

        gate.Leave();
        gate.Leave();

        var deadline = DateTime.UtcNow + Patience;
        while (gate.Trims == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, gate.Trims);
        Assert.Equal(1, Volatile.Read(ref trims));
    }
}
