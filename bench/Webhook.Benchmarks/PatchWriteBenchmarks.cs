using System.Text.Json;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using Webhook.Benchmarks.Baseline;
using Webhook.Injection;
using Webhook.Injection.Agents;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;

namespace Webhook.Benchmarks;

/// <summary>
/// Turning decided changes into the JSON Patch. Ours: <see cref="PatchWriter"/> over the recorded
/// <see cref="PodChanges"/>. Baseline: serialize the mutated <c>V1Pod</c>, parse the pod as sent, diff the two.
/// The changes and the mutated model are prepared once, outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class PatchWriteBenchmarks
{
    private BenchInput _input = null!;
    private PodChanges _changes = null!;
    private V1Pod _mutated = null!;

    [ParamsSource(nameof(Cases))]
    public string Input { get; set; } = "typical-java";

    public static IEnumerable<string> Cases => Inputs.Cases;

    [GlobalSetup]
    public void Setup()
    {
        _input = Inputs.Get(Input);
        _changes = Changes(_input);
        var expected = PodMutator.Mutate(_input.Pod, _input.Namespace, Inputs.Snapshot, Inputs.Settings).Patch;
        if (expected is null || !PatchWriter.Write(_changes).AsSpan().SequenceEqual(expected.Value.Span))
        {
            throw new InvalidOperationException(Input + ": the prepared changes do not give PodMutator's patch");
        }

        _mutated = JsonSerializer.Deserialize(_input.Pod.Span, BaselineJson.Pod)!;
        BaselineMutator.Mutate(_mutated, _input.Namespace, Inputs.Snapshot);
    }

    [Benchmark(Baseline = true)]
    public byte[] SerializeAndDiff() => BaselineAdmission.Patch(_input.Pod.Span, _mutated);

    [Benchmark]
    public byte[] Ours() => PatchWriter.Write(_changes);

    /// <summary>PodMutator's steps up to the patch, for the inputs here (languages set to "true", container names valid).</summary>
    private static PodChanges Changes(BenchInput input)
    {
        var context = new InjectionContext(PodReader.Read(input.Pod), input.Namespace, Inputs.Snapshot, Inputs.Settings);
        var selected = new List<SelectedLanguage>();
        foreach (var language in InjectionTable.All)
        {
            var value = context.Effective(language.InjectAnnotation);
            if (value.Length == 0 || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var instrumentation = InstrumentationSelector.Select(context, language, value, out var problem)
                ?? throw new InvalidOperationException(problem);
            selected.Add(new SelectedLanguage(language, instrumentation));
        }

        var common = context.Effective(InjectionTable.ContainerNamesAnnotation);
        foreach (var language in selected)
        {
            if (common.Length > 0)
            {
                language.ContainerNames.AddRange(ContainerNameRules.Split(common));
            }

            var own = context.Effective(language.Rule.ContainerNamesAnnotation);
            if (own.Length > 0)
            {
                language.ContainerNames.AddRange(ContainerNameRules.Split(own));
            }
        }

        foreach (var language in selected)
        {
            AgentInjector.Inject(context, language, ContainerTargets.Resolve(context, language));
        }

        return context.Changes;
    }
}
