using System.Text;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Selection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// The annotations a pod and its namespace are asked for many times per pod, scanned as a short list of pairs, or,
/// past <see cref="AnnotationScan.ScanLimit"/> of them, looked up as before: the same answers either way.
/// </summary>
public sealed class AnnotationScanTests
{
    private const string InjectJava = "instrumentation.opentelemetry.io/inject-java";

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(AnnotationScan.ScanLimit)]
    [InlineData(AnnotationScan.ScanLimit + 1)]
    [InlineData(200)]
    public void Get_FewOrManyAnnotations_FindsEveryValueAndNothingElse(int count)
    {
        var annotations = Annotations(count);
        var scan = new AnnotationScan();
        scan.Reset(new Dictionary<string, string> { ["left over"] = "from the pod before" });

        scan.Reset(annotations);

        foreach (var (key, value) in annotations)
        {
            // A key of the same length and another instance: compared by its characters, not by reference.
            Assert.Equal(value, scan.Get(new string(key.AsSpan())));
        }

        Assert.Null(scan.Get("left over"));
        Assert.Null(scan.Get("resource.opentelemetry.io/k" + count.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(scan.Get("resource.opentelemetry.io/kXY"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(AnnotationScan.ScanLimit + 4)]
    public void Mutate_NamespaceWithFewOrManyAnnotations_InjectsWhatItsInjectAnnotationAsksFor(int count)
    {
        var namespaceAnnotations = Annotations(count - 1);
        namespaceAnnotations[InjectJava] = "true";
        var snapshot = Snapshot(new NamespaceInfo("demo", namespaceAnnotations));

        var result = PodMutator.Mutate(Encoding.UTF8.GetBytes("""{"metadata":{"name":"app"},"spec":{"containers":[{"name":"app","image":"app:1"}]}}"""),
            "demo", snapshot, InjectionSettings.Defaults);

        Assert.NotNull(result.Patch);
        Assert.True(Assert.Single(result.Decisions).Injected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(AnnotationScan.ScanLimit + 4)]
    public void Mutate_PodWithFewOrManyAnnotations_ReadsItsInjectAndResourceAnnotations(int count)
    {
        var annotations = string.Concat(Annotations(count).Select(p => ",\"" + p.Key + "\":\"" + p.Value + "\""));
        var pod = """{"metadata":{"name":"app","annotations":{"instrumentation.opentelemetry.io/inject-java":"otel","resource.opentelemetry.io/service.name":"checkout"""
            + "\"" + annotations + """}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""";

        var result = PodMutator.Mutate(Encoding.UTF8.GetBytes(pod), "demo", Snapshot(), InjectionSettings.Defaults);

        var patch = Encoding.UTF8.GetString(result.Patch!.Value.Span);
        Assert.Contains("{\"name\":\"OTEL_SERVICE_NAME\",\"value\":\"checkout\"}", patch, StringComparison.Ordinal);
        Assert.Contains("k000=v000", patch, StringComparison.Ordinal);
    }

    /// <summary><c>resource.opentelemetry.io/kNNN</c> = <c>vNNN</c>, <paramref name="count"/> of them.</summary>
    private static Dictionary<string, string> Annotations(int count)
        => Enumerable.Range(0, Math.Max(0, count)).ToDictionary(i => "resource.opentelemetry.io/k" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            i => "v" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));

    private static InstrumentationSnapshot Snapshot(params NamespaceInfo[] namespaces) => TestInstrumentations.Snapshot("""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo}
        spec:
          java: {image: "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0"}
        """, namespaces);
}
