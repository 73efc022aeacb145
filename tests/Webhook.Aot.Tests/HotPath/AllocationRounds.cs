namespace Webhook.Tests.HotPath;

/// <summary>
/// Measures what an action allocates on this thread once the JIT has settled. Under tiered compilation the first
/// calls run unoptimised code, which allocates where the optimised code does not (no stack allocation of small
/// objects, on-stack replacement of a hot loop), and the optimised code arrives from a background thread at a time
/// that depends on the machine's load. So rounds run until one allocates nothing, or, for a path that really
/// allocates, until <see cref="MaxRounds"/> rounds have run; the round with the fewest bytes is the answer. A real
/// allocation recurs in every round, so it is never hidden; a one-off (a pool refilled after a full collection set
/// off by tests running in parallel) is.
/// </summary>
public static class AllocationRounds
{
    public const int MaxRounds = 30;

    /// <summary>The fewest bytes one round of <paramref name="iterations"/> calls allocated.</summary>
    public static long Fewest(int iterations, Action action)
    {
        var fewest = long.MaxValue;
        for (var round = 0; round < MaxRounds && fewest > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++)
            {
                action();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            if (fewest > 0)
            {
                // Gives the background compiler a moment to install the optimised code before the next round.
                Thread.Sleep(20);
            }
        }

        return fewest;
    }
}
