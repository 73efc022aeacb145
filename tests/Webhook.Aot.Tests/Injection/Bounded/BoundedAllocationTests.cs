using Webhook.Injection;
using Webhook.Memory;
using Webhook.Tests.HotPath;
using Xunit.Abstractions;
using static Webhook.Tests.Injection.Bounded.LargePods;

namespace Webhook.Tests.Injection.Bounded;

/// <summary>
/// What a large pod allocates grows no faster than the pod: a fixed amount per container or per name, whatever their
/// number, when the same pod comes again through one workspace (as the benchmarks and a caller repeating a hostile
/// pod send it). Allocation, not time: BoundedCostBenchmarks in bench/ times the same pods.
/// </summary>
public sealed class BoundedAllocationTests(ITestOutputHelper output)
{
    /// <summary>
    /// 1,024 bytes per injected container: the texts of its own that the per-thread text cache can no longer hold when
    /// thousands of containers each bring new ones (its mount path), its JSON written into the fragments (its resource
    /// attribute list and agent option, written from their parts), and the lists and container views that a workspace
    /// does not keep past 64 KiB (ReusedList) regrown for each such pod: measured 595 and 921 bytes at 2,000 and 5,000
    /// containers. While the agent option, service.instance.id and the resource attribute list (about 290 characters)
    /// were strings of their own: 1,538 and 1,737 bytes; before that, a patch of more than 1 MiB was grown from 8 KiB
    /// again for every pod: 3,115 and 4,404 bytes per container.
    /// </summary>
    private const int CeilingPerContainer = 1024;

    /// <summary>
    /// 48 bytes per name: its share of the annotation string (two bytes per character and comma) and of the table of
    /// names (two ints per slot, at most half full) that a thread's workspace does not keep past 64 KiB (ReusedList)
    /// and so builds again for each such pod: measured 11.9 and 29.7 bytes per name at 3,200 and 32,000 names. Before
    /// names were compared as slices of the annotation, each name was a string of its own and the sets held strings:
    /// 140 and 171 bytes (65 and 74 before the lists were bounded). What is asserted is that the amount per name does
    /// not grow with the number of names.
    /// </summary>
    private const int CeilingPerName = 48;

    /// <summary>
    /// 48 bytes per container when the pods come through the burst workspaces (reviews over 64 KiB), as a stream of
    /// such pods does: the workspace keeps its container views, lists, buffers and texts (a set of its own, which the
    /// per-thread text cache of 4,096 strings is not), so what is left is the container-names annotation, decoded for
    /// each pod: measured 10.9 and 11.6 bytes at 2,000 and 5,000 containers. Measured 23.8 and 179.5 bytes (this test on
    /// the code before) while the texts were the thread's cache's
    /// (a 5,000-container pod's names and mount paths overflowed it, and the decision named every container); 967 and
    /// 995 while the resource attribute list, service.instance.id and the agent option were strings of their own.
    /// </summary>
    private const int CeilingPerContainerInABurst = 48;

    /// <summary>
    /// 2,816 bytes per container for a large pod that finds no burst workspace (the first after a quiet second): the
    /// workspace is built for it, so the container views, their lists, the fragments and the patch are allocated once
    /// each, on top of what a stream of such pods allocates: measured 2,466 and 2,642 bytes at 2,000 and 5,000
    /// containers. While the resource attribute list, service.instance.id and the agent option were strings of their
    /// own: 2,983 and 3,045 bytes; before the patch buffer was sized from the changes and each env list from the first
    /// target's, the patch grew from 8 KiB by doubling and each env list through three arrays: 4,204 and 5,528 bytes.
    /// </summary>
    private const int CeilingPerContainerWhenCold = 2816;

    /// <summary>
    /// 1,536 bytes per container for a large pod that finds no burst workspace right after another did: what
    /// <see cref="CeilingPerContainerWhenCold"/> allows but the patch and fragment arrays (about 1,600 bytes per
    /// container at 5,000), which the one before let go of and this one writes into again: measured 1,077 and 1,178 bytes
    /// at 2,000 and 5,000 containers; 2,675 and 2,774 while a dropped workspace's arrays were left to the GC.
    /// </summary>
    private const int CeilingPerContainerWhenColdAfterAnother = 1536;

    /// <summary>24 bytes per name in a burst workspace: the annotation string alone (measured 11.9 and 13.4 bytes at 3,200 and 32,000 names).</summary>
    private const int CeilingPerNameInABurst = 24;

    [Theory]
    [InlineData(500)]
    [InlineData(2_000)]
    [InlineData(5_000)]
    public void Mutate_PodOfManyNamedContainersAgain_AllocatesAFixedAmountPerContainer(int containers)
    {
        var names = Names(containers);
        var pod = Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", names)], containers));

        var perContainer = FewestBytes(pod) / (double)containers;

        output.WriteLine($"{containers} containers: {perContainer:0.#} B per container (ceiling {CeilingPerContainer} B)");
        Assert.True(perContainer <= CeilingPerContainer, $"{perContainer:0.#} B per container of a {containers}-container pod, over {CeilingPerContainer} B");
    }

    [Theory]
    [InlineData(3_200)]
    [InlineData(32_000)]
    public void Mutate_PodOfManyContainerNamesAgain_AllocatesAFixedAmountPerName(int count)
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(count))], containers: 1));

        var perName = FewestBytes(pod) / (double)count;

        output.WriteLine($"{count} names: {perName:0.#} B per name (ceiling {CeilingPerName} B)");
        Assert.True(perName <= CeilingPerName, $"{perName:0.#} B per name of a {count}-name container-names list, over {CeilingPerName} B");
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(5_000)]
    public void Mutate_StreamOfPodsOfManyNamedContainers_AllocatesOnlyTheAnnotation(int containers)
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(containers))], containers));
        var snapshot = Snapshot();

        var perContainer = AllocationRounds.Fewest(1, () => MutateAsTheEndpointDoes(pod, snapshot)) / (double)containers;

        output.WriteLine($"{containers} containers, burst workspace: {perContainer:0.#} B per container (ceiling {CeilingPerContainerInABurst} B)");
        Assert.True(perContainer <= CeilingPerContainerInABurst, $"{perContainer:0.#} B per container of a stream of {containers}-container pods, over {CeilingPerContainerInABurst} B");
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(5_000)]
    public void Mutate_OneOffPodOfManyNamedContainers_BuildsItsWorkspaceOnceWithoutRegrowingIt(int containers)
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(containers))], containers));
        var snapshot = Snapshot();

        var perContainer = AllocationRounds.Fewest(1, () =>
        {
            InjectionWorkspace.DropBurstWorkspaces();
            LargeArraySpares.Clear();
            MutateAsTheEndpointDoes(pod, snapshot);
        }) / (double)containers;

        output.WriteLine($"{containers} containers, new burst workspace: {perContainer:0.#} B per container (ceiling {CeilingPerContainerWhenCold} B)");
        Assert.True(perContainer <= CeilingPerContainerWhenCold, $"{perContainer:0.#} B per container of a one-off {containers}-container pod, over {CeilingPerContainerWhenCold} B");
    }

    /// <summary>
    /// Large pods that each find no burst workspace, one after the other with no full collection between (a stream
    /// of reviews over 1 MiB, each in a workspace of its own, or large pods a second apart): the patch and fragment
    /// arrays the last one let go of are written into again, not allocated anew.
    /// </summary>
    [Theory]
    [InlineData(2_000)]
    [InlineData(5_000)]
    public void Mutate_OneOffPodsOfManyNamedContainersInARow_ReuseTheLargeBuffersTheLastOneLeft(int containers)
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(containers))], containers));
        var snapshot = Snapshot();

        var perContainer = AllocationRounds.Fewest(1, () =>
        {
            InjectionWorkspace.DropBurstWorkspaces();
            MutateAsTheEndpointDoes(pod, snapshot);
        }) / (double)containers;

        output.WriteLine($"{containers} containers, new burst workspace after another: {perContainer:0.#} B per container (ceiling {CeilingPerContainerWhenColdAfterAnother} B)");
        Assert.True(perContainer <= CeilingPerContainerWhenColdAfterAnother,
            $"{perContainer:0.#} B per container of a one-off {containers}-container pod after another, over {CeilingPerContainerWhenColdAfterAnother} B");
    }

    [Theory]
    [InlineData(3_200)]
    [InlineData(32_000)]
    public void Mutate_StreamOfPodsOfManyContainerNames_AllocatesOnlyTheAnnotation(int count)
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(count))], containers: 1));
        var snapshot = Snapshot();

        var perName = AllocationRounds.Fewest(1, () => MutateAsTheEndpointDoes(pod, snapshot)) / (double)count;

        output.WriteLine($"{count} names, burst workspace: {perName:0.#} B per name (ceiling {CeilingPerNameInABurst} B)");
        Assert.True(perName <= CeilingPerNameInABurst, $"{perName:0.#} B per name of a stream of {count}-name pods, over {CeilingPerNameInABurst} B");
    }

    /// <summary>
    /// A stream of pods of one container with thousands of env entries (reviews over 64 KiB) allocates nothing once the
    /// burst workspace has served one: its env list, fragments and patch buffer are kept, and the texts injection adds
    /// are the text cache's or written into the fragments.
    /// </summary>
    [Theory]
    [InlineData(3_000)]
    [InlineData(10_000)]
    public void Mutate_StreamOfPodsWithManyEnvEntries_AllocatesNothing(int entries)
    {
        var pod = Bytes(Pod([(Prefix + "inject-java", "true")], containers: 1, envPerContainer: entries));
        var snapshot = Snapshot();

        var bytes = AllocationRounds.Fewest(1, () => MutateAsTheEndpointDoes(pod, snapshot));

        output.WriteLine($"{entries} env entries, burst workspace: {bytes} B per pod");
        Assert.Equal(0, bytes);
    }

    /// <summary>The fewest bytes one injection of <paramref name="pod"/> allocates once its workspace has seen it (the default settings check names for duplicates).</summary>
    private static long FewestBytes(byte[] pod)
    {
        var workspace = new InjectionWorkspace();
        var snapshot = Snapshot();
        Assert.NotNull(workspace.Mutate(pod, Namespace, snapshot, InjectionSettings.Defaults).Patch);
        Assert.True(InjectionSettings.Defaults.MultiInstrumentation, "the default settings no longer check names for duplicates; this measures less than it says");
        return AllocationRounds.Fewest(1, () => workspace.Mutate(pod, Namespace, snapshot, InjectionSettings.Defaults));
    }
}
