using Webhook.Memory;

namespace Webhook.Tests.Memory;

/// <summary>
/// The pool that keeps large pods' workspaces for the next large pod: what is kept comes back to the next taker, at
/// most so many are kept, and once none was kept for the quiet period everything is let go, once.
/// </summary>
public sealed class BurstPoolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void TryTake_AfterKeep_GivesTheKeptObjectOnce()
    {
        using var pool = new BurstPool<object>(maxKept: 2, Patience);
        var kept = new object();

        pool.Keep(kept);

        Assert.Same(kept, pool.TryTake());
        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void Keep_PastMaxKept_KeepsNoMore()
    {
        using var pool = new BurstPool<object>(maxKept: 2, Patience);

        pool.Keep(new object());
        pool.Keep(new object());
        pool.Keep(new object());

        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Drop_LetsGoOfEverything()
    {
        using var pool = new BurstPool<object>(maxKept: 2, Patience);
        pool.Keep(new object());

        pool.Drop();

        Assert.Null(pool.TryTake());
        Assert.Equal(1, pool.Drops);
    }

    [Fact]
    public async Task Keep_ThenQuiet_DropsOnceByItselfAndGivesMemoryBack()
    {
        var givenBack = 0;
        using var pool = new BurstPool<object>(maxKept: 2, TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref givenBack));
        pool.Keep(new object());
        pool.Keep(new object());

        var deadline = DateTime.UtcNow + Patience;
        while (Volatile.Read(ref givenBack) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, pool.Drops);
        Assert.Equal(0, pool.Count);
        Assert.Equal(1, Volatile.Read(ref givenBack));
    }
}
