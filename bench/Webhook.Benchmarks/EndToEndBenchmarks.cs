using System.Buffers;
using BenchmarkDotNet.Attributes;
using Webhook.Admission;
using Webhook.Benchmarks.Baseline;
using Webhook.Injection;

namespace Webhook.Benchmarks;

/// <summary>
/// Review bytes in, response bytes out, into a reused buffer: <see cref="AdmissionReader"/> (the pod read in the same pass) →
/// <see cref="AdmissionMutation"/> → <see cref="AdmissionWriter"/> in the thread's workspace, as <c>MutateEndpoint</c>
/// calls them (without Kestrel, metrics and logging). The baseline does the same job with STJ models and a diff.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private BenchInput _input = null!;

    [ParamsSource(nameof(Cases))]
    public string Input { get; set; } = "typical-java";

    public static IEnumerable<string> Cases => Inputs.Cases;

    [GlobalSetup(Target = nameof(StjModelAndDiff))]
    public void SetupBaseline()
    {
        Setup();
        TieredWarmup.Run(() => StjModelAndDiff());
    }

    [GlobalSetup(Target = nameof(Ours))]
    public void SetupOurs()
    {
        Setup();
        TieredWarmup.Run(() => Ours());
    }

    private void Setup()
    {
        _input = Inputs.Get(Input);
        _ = Inputs.Snapshot;
    }

    [Benchmark(Baseline = true)]
    public int StjModelAndDiff()
    {
        _output.ResetWrittenCount();
        BaselineAdmission.Handle(_input.Review, _output, Inputs.Snapshot);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int Ours()
    {
        _output.ResetWrittenCount();
        HandleOurs(_input, _output);
        return _output.WrittenCount;
    }

    public static void HandleOurs(BenchInput input, IBufferWriter<byte> output)
    {
        var review = input.Review;
        var workspace = InjectionWorkspace.Rent();
        try
        {
            var view = AdmissionReader.Read(review, workspace, Inputs.Snapshot);
            var result = AdmissionMutation.Handle(review, view, Inputs.Snapshot, Inputs.Settings, workspace);
            AdmissionWriter.WriteMutation(output, review.AsSpan()[view.Uid], result.Mutation.Patch, result.Mutation.Warnings);
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }
}
