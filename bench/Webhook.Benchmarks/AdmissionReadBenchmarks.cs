using BenchmarkDotNet.Attributes;
using Webhook.Admission;
using Webhook.Benchmarks.Baseline;
using Webhook.Injection;
using Webhook.Injection.Pods;

namespace Webhook.Benchmarks;

/// <summary>
/// Reading the request. <see cref="EnvelopeView"/> reads the envelope alone (ranges into the body, no pod model, the
/// pod skipped); <see cref="EnvelopeAndPodView"/> reads it as the webhook does, the pod that asks for injection read in
/// the same pass into the <see cref="PodView"/> the engine works on (reused from pod to pod, in a reused workspace). The baseline
/// deserializes the envelope and the whole pod into KubernetesClient's <c>V1Pod</c>.
/// </summary>
[MemoryDiagnoser]
public class AdmissionReadBenchmarks
{
    private readonly InjectionWorkspace _workspace = new();
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
        AdmissionReader.Read(_input.Review, _workspace, Inputs.Snapshot);
        return _workspace.Pod;
    }
}
