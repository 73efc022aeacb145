using Webhook.Injection;
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
    /// 2,560 bytes per injected container: the texts of its own that the per-thread text cache can no longer hold
    /// when thousands of containers each bring new ones (its agent option, mount path, service.instance.id and a
    /// resource attribute list of about 290 characters: about 1 KB per container), and the lists and container views
    /// that a workspace does not keep past 64 KiB (ReusedList) regrown for each such pod: measured 1,987 and 2,122 bytes
    /// at 2,000 and 5,000 containers. Before, a patch of more than 1 MiB was grown from 8 KiB again for every pod:
    /// 3,115 and 4,404 bytes per container.
    /// </summary>
    private const int CeilingPerContainer = 2560;

    /// <summary>
    /// 256 bytes per name: its string, its share of the annotation string (two bytes per character and comma), and
    /// its share of the name list and set that a workspace does not keep past 64 KiB (ReusedList) and so regrows for
    /// each such pod: measured 140 and 171 bytes per name at 3,200 and 32,000 names. What is asserted is that the
    /// amount per name does not grow with the number of names.
    /// </summary>
    private const int CeilingPerName = 256;

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
