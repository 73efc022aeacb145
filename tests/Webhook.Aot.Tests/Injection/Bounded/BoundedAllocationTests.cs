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
    /// 1,536 bytes per injected container: the texts of its own that the per-thread text cache can no longer hold
    /// when thousands of containers each bring new ones (its agent option, mount path, service.instance.id and a
    /// resource attribute list of about 290 characters: measured 1,027 bytes per container). Before, a patch of more
    /// than 1 MiB was grown from 8 KiB again for every pod: 4,404 bytes per container at 5,000 containers.
    /// </summary>
    private const int CeilingPerContainer = 1536;

    /// <summary>
    /// 56 bytes per name: its string (at most 40 bytes for names up to six characters) and its share of the annotation
    /// string (two bytes per character and comma). Before, the duplicate check built a new set of every name for each
    /// pod: 74 bytes per name at 32,000 names.
    /// </summary>
    private const int CeilingPerName = 56;

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
