using BenchmarkDotNet.Attributes;
using Webhook.Admission;
using Webhook.Benchmarks.Baseline;
using Webhook.Injection.Pods;

namespace Webhook.Benchmarks;

/// <summary>
/// Reading the request. Every admission pays for <see cref="EnvelopeView"/> (ranges into the body, no pod model);
/// a pod that asks for injection also pays for the <see cref="PodView"/> the engine works on (reused from pod to pod,
/// as the webhook's workspace reuses it). The baseline
/// deserializes the envelope and the whole pod into KubernetesClient's <c>V1Pod</c>.
/// </summary>
[MemoryDiagnoser]
public class AdmissionReadBenchmarks
{
    private readonly PodView _pod = new();
    private BenchInput _input = null!;

    [ParamsSource(nameof(Cases))]
    public string Input { get; set; } = "typical-java";

    public static IEnumerable<string> Cases => Inputs.Cases;

    [GlobalSetup]
    public void Setup() => _input = Inputs.Get(Input);

    [Benchmark(Baseline = true)]
    public object StjEnvelopeAndV1Pod() => BaselineAdmission.Read(_input.Review).Pod;

    [Benchmark]
    public Range EnvelopeView() => AdmissionReader.Read(_input.Review).Object;

    [Benchmark]
    public PodView EnvelopeAndPodView()
    {
        var review = _input.Review;
        var view = AdmissionReader.Read(review);
        PodReader.Read(review.AsMemory()[view.Object], _pod);
        return _pod;
    }
}
