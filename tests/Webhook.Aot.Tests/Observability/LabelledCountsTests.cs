using Webhook.Observability;

namespace Webhook.Tests.Observability;

/// <summary>Counts kept in fields: each label set counted apart, seen only once counted, bounded, read whole at collection.</summary>
public sealed class LabelledCountsTests
{
    [Fact]
    public void Observe_CountsAddedByLabelSet_ReportsEachSetsSum()
    {
        var counts = new LabelledCounts("endpoint", "outcome");

        counts.Add(1, "/mutate-v1-pod", "patched");
        counts.Add(1, "/mutate-v1-pod", "patched");
        counts.Add(1, "/mutate-v1-pod", "unchanged");
        counts.Add(1, "/validate-v1alpha1-instrumentation", "patched");

        var observed = counts.Observe().Select(static m => (Labels: string.Join(",", m.Tags.ToArray().Select(static t => t.Key + "=" + t.Value)), m.Value)).ToList();
        Assert.Equal(
            [("endpoint=/mutate-v1-pod,outcome=patched", 2L), ("endpoint=/mutate-v1-pod,outcome=unchanged", 1L), ("endpoint=/validate-v1alpha1-instrumentation,outcome=patched", 1L)],
            observed);
    }

    [Fact]
    public void Observe_NothingAdded_ReportsNoSet()
    {
        Assert.Empty(new LabelledCounts("language").Observe());
    }

    /// <summary>Labels equal in value but not the same string object (read from input, say) are one set.</summary>
    [Fact]
    public void Add_EqualLabelOfAnotherString_CountsInTheSameSet()
    {
        var counts = new LabelledCounts("language");

        counts.Add(1, "java");
        counts.Add(1, new string("java".AsSpan()));
        counts.Add(-1, "java");

        var only = Assert.Single(counts.Observe());
        Assert.Equal(1, only.Value);
    }

    [Fact]
    public void Add_MoreLabelSetsThanTheLimit_KeepsTheLimitAndCountsTheRestAsOverflow()
    {
        var counts = new LabelledCounts("item");
        const int sent = LabelledCounts.MaxLabelSets + 50;

        for (var i = 0; i < sent; i++)
        {
            counts.Add(1, "i" + i);
        }

        var observed = counts.Observe().ToList();
        Assert.Equal(LabelledCounts.MaxLabelSets, observed.Count);
        Assert.Equal(sent, observed.Sum(static m => m.Value));
        var overflow = observed[^1];
        Assert.Equal(51, overflow.Value);
        Assert.Equal(new KeyValuePair<string, object?>("otel.metric.overflow", "true"), Assert.Single(overflow.Tags.ToArray()));
    }

    [Fact]
    public async Task Add_FromManyThreadsAtOnce_LosesNoCount()
    {
        var counts = new LabelledCounts("endpoint", "outcome");
        string[] outcomes = ["patched", "unchanged", "failed_open", "bad_request"];

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counts.Add(1, "/mutate-v1-pod", outcomes[(i + t) % outcomes.Length]);
            }
        })));

        var observed = counts.Observe().ToList();
        Assert.Equal(outcomes.Length, observed.Count);
        Assert.All(observed, static m => Assert.Equal(20_000, m.Value));
    }
}
