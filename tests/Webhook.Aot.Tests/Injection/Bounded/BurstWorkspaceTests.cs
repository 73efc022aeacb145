using Webhook.Injection;
using static Webhook.Tests.Injection.Bounded.LargePods;

namespace Webhook.Tests.Injection.Bounded;

/// <summary>
/// Reviews over 64 KiB get a burst workspace, which keeps everything it grows for the next large pod: it is never the
/// thread's own (whose storage stays bounded), and keeping more must not change what a pod gets.
/// </summary>
public sealed class BurstWorkspaceTests
{
    private const int LargeReview = InjectionWorkspace.BurstReviewBytes + 1;

    [Fact]
    public void Rent_LargeReview_IsNotTheThreadsOwnWorkspaceNorTakesIt()
    {
        var own = InjectionWorkspace.Rent();
        InjectionWorkspace.Return(own);

        var burst = InjectionWorkspace.Rent(LargeReview);
        Assert.NotSame(own, burst);
        InjectionWorkspace.Return(burst);

        var again = InjectionWorkspace.Rent();
        Assert.Same(own, again);
        InjectionWorkspace.Return(again);
    }

    [Fact]
    public void Rent_ReviewOverTheLargeReviewThreshold_IsNeitherTheThreadsOwnNorKept()
    {
        var own = InjectionWorkspace.Rent();
        InjectionWorkspace.Return(own);

        var large = InjectionWorkspace.Rent(InjectionWorkspace.MaxBurstReviewBytes + 1);
        Assert.NotSame(own, large);
        InjectionWorkspace.Return(large);

        var again = InjectionWorkspace.Rent();
        Assert.Same(own, again);
        InjectionWorkspace.Return(again);
        var nextLarge = InjectionWorkspace.Rent(InjectionWorkspace.MaxBurstReviewBytes + 1);
        Assert.NotSame(large, nextLarge);
        InjectionWorkspace.Return(nextLarge);
    }

    [Fact]
    public void Return_ThreadsOwnWorkspace_ForgetsThePod()
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true")], containers: 3, envPerContainer: 2));
        var own = InjectionWorkspace.Rent(pod.Length);
        Assert.NotNull(own.Mutate(pod, Namespace, Snapshot(), InjectionSettings.Defaults).Patch);
        Assert.Equal(3, own.Pod.Containers.Count);

        InjectionWorkspace.Return(own);

        Assert.Empty(own.Pod.Containers);
        Assert.Empty(own.Pod.Annotations);
        Assert.Equal("", own.Pod.Name);
    }

    [Fact]
    public void Mutate_LargePodsOneAfterAnotherInABurstWorkspace_GiveWhatAFreshWorkspaceGives()
    {
        var snapshot = Snapshot();
        byte[][] pods =
        [
            Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(3_000))], containers: 3_000, envPerContainer: 2)),
            Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(40, first: 5) + ",,c1,c1,")], containers: 20)),
            Bytes(Pod([(Prefix + "inject-python", "true"), (Prefix + "container-names", Names(1_000, first: 500))], containers: 700, envPerContainer: 1)),
            Bytes(Pod([(Prefix + "inject-java", "true")], containers: 2)),
            Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(3_000))], containers: 3_000, envPerContainer: 2)),
        ];

        var burst = InjectionWorkspace.Rent(LargeReview);
        try
        {
            foreach (var pod in pods.Concat(pods.Reverse()))
            {
                var fresh = Describe(new InjectionWorkspace().Mutate(pod, Namespace, snapshot, InjectionSettings.Defaults));
                var kept = Describe(burst.Mutate(pod, Namespace, snapshot, InjectionSettings.Defaults));
                Assert.Equal(fresh, kept);
            }
        }
        finally
        {
            InjectionWorkspace.Return(burst);
        }
    }

    private static string Describe(MutationResult result)
        => (result.Patch is { } patch ? System.Text.Encoding.UTF8.GetString(patch.Span) : "no patch")
            + "\n" + string.Join("\n", result.Warnings.Select(w => w.Reason + ": " + w.Message))
            + "\n" + string.Join("\n", result.Decisions.Select(d => d.Language + " " + d.Injected + ": " + d.Reason));
}
