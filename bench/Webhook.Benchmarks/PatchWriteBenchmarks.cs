using System.Buffers;
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
/// <see cref="PodChanges"/>, into a reused buffer with a reused writer (as the workspace does). Baseline: serialize the mutated <c>V1Pod</c>, parse the pod as sent, diff the two.
/// The changes and the mutated model are prepared once, outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class PatchWriteBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);
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
    public int Ours()
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        PatchWriter.Write(_changes, _writer);
        return _output.WrittenCount;
    }

    /// <summary>PodMutator's decisions for the input, recorded and not yet written.</summary>
    private static PodChanges Changes(BenchInput input)
    {
        var context = new InjectionContext(PodReader.Read(input.Pod), input.Namespace, Inputs.Snapshot, Inputs.Settings);
        if (!PodMutator.Decide(context))
        {
            throw new InvalidOperationException(input.Name + ": the pod is not injected");
        }

        return context.Changes;
    }
}
