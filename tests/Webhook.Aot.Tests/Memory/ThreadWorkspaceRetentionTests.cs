using Webhook.Injection;
using Xunit.Abstractions;
using static Webhook.Tests.Injection.Bounded.LargePods;

namespace Webhook.Tests.Memory;

/// <summary>Measured alone: a full collection's count of the live heap is only meaningful while no other test allocates.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "heap measurement";
}

/// <summary>
/// What the threads that serve admissions keep once large pods are over: each thread keeps a workspace, so whatever
/// one keeps is multiplied by the threads. Measured as the live heap after a full collection, on threads of their own
/// that stay alive (as the server's do), before and after each served one large pod.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class ThreadWorkspaceRetentionTests(ITestOutputHelper output)
{
    private const int Threads = 8;

    /// <summary>
    /// 1 MiB per thread: the thread's workspace after reviews of at most 64 KiB, and its text cache (at most 256 Ki
    /// characters). Before a review over 1 MiB got a workspace of its own, the thread's kept the whole last pod until
    /// its next one: 3.6 MB after 5,000 containers of 8 env entries, 5.3 MB after 40,000 env entries.
    /// </summary>
    private const int KeptPerThreadCeiling = 1024 * 1024;

    public static TheoryData<string> LargePodShapes => new()
    {
        "1600 env entries", "200 containers of 6 env entries", "3000 containers", "20000 env entries", "3000 containers of 8 env entries",
        "5000 containers of 8 env entries", "40000 env entries",
    };

    [Theory]
    [MemberData(nameof(LargePodShapes))]
    public void LargePodOnEveryThread_WhenOver_LeavesLittleOnEachThread(string shape)
    {
        var typical = Bytes(Pod([(Prefix + "inject-java", "true")], containers: 2, envPerContainer: 3));
        var large = Bytes(shape switch
        {
            "3000 containers" => Pod([(Prefix + "inject-java", "true")], containers: 3_000),
            "20000 env entries" => Pod([(Prefix + "inject-java", "true")], containers: 1, envPerContainer: 20_000),
            "1600 env entries" => Pod([(Prefix + "inject-java", "true")], containers: 1, envPerContainer: 1_600),
            "200 containers of 6 env entries" => Pod([(Prefix + "inject-java", "true")], containers: 200, envPerContainer: 6),
            "40000 env entries" => Pod([(Prefix + "inject-java", "true")], containers: 1, envPerContainer: 40_000),
            "5000 containers of 8 env entries" => Pod([(Prefix + "inject-java", "true")], containers: 5_000, envPerContainer: 8),
            _ => Pod([(Prefix + "inject-java", "true")], containers: 3_000, envPerContainer: 8),
        });
        var snapshot = Snapshot();
        using var typicalDone = new CountdownEvent(Threads);
        using var largeDone = new CountdownEvent(Threads);
        using var measured = new ManualResetEventSlim();
        using var measuredAgain = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            MutateAsTheEndpointDoes(typical, snapshot);
            typicalDone.Signal();
            measured.Wait();
            MutateAsTheEndpointDoes(large, snapshot);
            largeDone.Signal();
            measuredAgain.Wait();
        })).ToList();
        threads.ForEach(t => t.Start());

        typicalDone.Wait();
        var before = LiveHeap();
        measured.Set();
        largeDone.Wait();
        InjectionWorkspace.DropBurstWorkspaces();
        var after = LiveHeap();
        measuredAgain.Set();
        threads.ForEach(t => t.Join());
        GC.KeepAlive(large);

        var perThread = (after - before) / Threads;
        output.WriteLine($"{shape} ({large.Length:N0} B review) on {Threads} threads: {perThread:N0} B kept per thread after it");
        Assert.True(perThread < KeptPerThreadCeiling, $"{perThread:N0} B kept per thread after a pod of {shape}, over {KeptPerThreadCeiling:N0} B");
    }

    private static long LiveHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
