using Webhook.Sources;

namespace Webhook.Tests.Sources;

public sealed class BackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_DoublesWithinJitterUpToTheCap()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), new Random(7));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000, 1000];
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], ceilings[i] / 2, ceilings[i]);
        }
    }

    [Fact]
    public void Next_AfterReset_StartsFromTheInitialDelay()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 6; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }

    [Fact]
    public void Next_ManyReplicas_SpreadOut()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), new Random(1));

        var distinct = Enumerable.Range(0, 20).Select(_ => backoff.Next()).Distinct().Count();

        Assert.True(distinct > 10);
    }
}
