using BenchmarkDotNet.Attributes;
using Webhook.Benchmarks.Baseline;
using Webhook.Injection;

namespace Webhook.Benchmarks;

/// <summary>
/// The engine's unit: pod JSON in, JSON Patch out. Ours is <see cref="InjectionWorkspace.Mutate"/> in one reused
/// workspace, as the webhook runs it (pod view, selection, injection, patch writing); the baseline deserializes a <c>V1Pod</c>, mutates it, serializes
/// it and diffs it against the pod as sent.
/// </summary>
[MemoryDiagnoser]
public class MutateBenchmarks
{
    private readonly InjectionWorkspace _workspace = new();
    private BenchInput _input = null!;

    [ParamsSource(nameof(Cases))]
    public string Input { get; set; } = "typical-java";

    public static IEnumerable<string> Cases => Inputs.Cases;

    [GlobalSetup]
    public void Setup()
    {
        _input = Inputs.Get(Input);
        _ = Inputs.Snapshot;
    }

    [Benchmark(Baseline = true)]
    public byte[]? StjModelAndDiff() => BaselineAdmission.Mutate(_input.Pod.Span, _input.Namespace, Inputs.Snapshot);

    [Benchmark]
    public ReadOnlyMemory<byte>? Ours() => _workspace.Mutate(_input.Pod, _input.Namespace, Inputs.Snapshot, Inputs.Settings).Patch;
}
