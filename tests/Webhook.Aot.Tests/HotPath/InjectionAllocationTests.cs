using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhook.Admission;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Sources;
using Xunit.Abstractions;

namespace Webhook.Tests.HotPath;

/// <summary>
/// A pod that gets injected costs no managed allocation once its workload has been seen: the admission endpoint's
/// own sequence (rent the thread's workspace, read, mutate, write the response into the output, give the workspace
/// back) is run over many admissions of the benchmarks' typical Deployment pod, re-targeted at each language, and the
/// bytes the thread allocated are counted. Same input and path as <c>EndToEndBenchmarks.Ours</c> in bench/. The
/// admission's measurements are recorded as the endpoint records them, read by the OpenTelemetry SDK for /metrics and
/// for an OTLP exporter (<see cref="RecordingMetrics"/>), so recording a measurement is counted too.
/// </summary>
public sealed class InjectionAllocationTests(ITestOutputHelper output)
{
    private const string Prefix = "instrumentation.opentelemetry.io/";
    private const int Iterations = 2_000;

    private static readonly byte[] s_typical = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "bench", "typical.review.json"));
    private static readonly Lazy<InstrumentationSnapshot> s_snapshot = new(ExamplesSnapshot);

    /// <summary>Annotations that replace the typical pod's <c>inject-java: "true"</c>.</summary>
    public static TheoryData<string, string> Languages { get; } = new()
    {
        { "java", "inject-java=true" },
        { "python", "inject-python=true" },
        { "python-musl", "inject-python=true,otel-python-platform=musl" },
        { "nodejs", "inject-nodejs=true" },
        { "dotnet", "inject-dotnet=true" },
        { "dotnet-musl", "inject-dotnet=true,otel-dotnet-auto-runtime=linux-musl-x64" },
        { "sdk", "inject-sdk=true" },
        { "java-and-python", "inject-java=true,inject-python=true,java-container-names=app,python-container-names=worker" },
    };

    /// <summary>
    /// The languages with hooks of their own, with the switch that enables each (Go and Nginx are off by default) and
    /// the warnings a successful injection still gives: the Go sidecar is always privileged and says so.
    /// </summary>
    public static TheoryData<string, string, Language, WarningReason[]> Hooks { get; } = new()
    {
        { "apache-httpd", "inject-apache-httpd=true", Language.ApacheHttpd, [] },
        { "nginx", "inject-nginx=true", Language.Nginx, [] },
        { "go", "inject-go=true,otel-go-auto-target-exe=/app/bin", Language.Go, [WarningReason.PrivilegedSidecar] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Handle_InjectedPodOfASeenWorkload_AllocatesNothing(string language, string annotations)
        => AssertAllocatesNothing(language, Review(annotations), InjectionSettings.Defaults, []);

    [Theory]
    [MemberData(nameof(Hooks))]
    public void Handle_HookedPodOfASeenWorkload_AllocatesNothing(string language, string annotations, Language enabled, WarningReason[] expectedWarnings)
        => AssertAllocatesNothing(language, Review(annotations), new InjectionSettings(new Dictionary<Language, bool> { [enabled] = true }), expectedWarnings);

    /// <summary>
    /// A pod naming the Instrumentation of a shared namespace (examples' own, also loaded as "observability"): allowed,
    /// it is injected with a warning; refused, Java is left out with a warning and Python still injected.
    /// </summary>
    [Theory]
    [InlineData(true, "inject-java=observability/demo-instrumentation")]
    [InlineData(false, "inject-java=observability/demo-instrumentation,inject-python=true")]
    public void Handle_PodOfASeenWorkloadTakingAnotherNamespacesInstrumentation_AllocatesNothing(bool allow, string annotations)
        => AssertAllocatesNothing(allow ? "cross-namespace allowed" : "cross-namespace denied", Review(annotations),
            new InjectionSettings(allowCrossNamespace: allow), [WarningReason.CrossNamespaceInstrumentation]);

    private void AssertAllocatesNothing(string language, byte[] review, InjectionSettings settings, WarningReason[] expectedWarnings)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        Assert.True(Run(review, buffer, settings, expectedWarnings), language + ": the pod was not injected as expected, so this measures nothing");
        for (var i = 0; i < 50; i++)
        {
            Run(review, buffer, settings, expectedWarnings);
        }

        // Rounds until the JIT has settled (AllocationRounds says why); a one-off in a round, such as ArrayPool
        // replacing an array it dropped on a full collection, is not counted either.
        var fewest = AllocationRounds.Fewest(Iterations, () => Run(review, buffer, settings, expectedWarnings));
        var perAdmission = fewest / (double)Iterations;
        output.WriteLine($"{language}: {perAdmission:0.###} B allocated per admission, response {buffer.WrittenCount} B");
        Assert.Equal(0, perAdmission);
    }

    /// <summary>
    /// 160 bytes: a pod that carries a name no pod had before (a StatefulSet's, a bare pod's) costs that name's
    /// string (62 bytes for "shop-7c9d8f6b5-" and five characters) and, while the thread's text cache grows towards
    /// its 4,096 strings, a share of that growth. Measured 137 B per admission over 2,000 new names.
    /// </summary>
    private const double CeilingForANewName = 160;

    [Fact]
    public void Handle_EachPodWithANameOfItsOwn_AllocatesOnlyThatName()
    {
        var reviews = Enumerable.Range(0, Iterations + 50).Select(i => Review("inject-java=true", name: "shop-7c9d8f6b5-" + i.ToString("x5"))).ToArray();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        for (var i = 0; i < 50; i++)
        {
            Assert.True(Run(reviews[Iterations + i], buffer, InjectionSettings.Defaults, []));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            Run(reviews[i], buffer, InjectionSettings.Defaults, []);
        }

        var perAdmission = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Iterations;
        output.WriteLine($"a new pod name per admission: {perAdmission:0.#} B allocated per admission (ceiling {CeilingForANewName} B)");
        Assert.True(perAdmission <= CeilingForANewName, $"{perAdmission:0.#} B per admission of a newly named pod, over the ceiling of {CeilingForANewName} B");
    }

    /// <summary>The measurements the allocation tests record reach the SDK: otherwise they would prove nothing.</summary>
    [Fact]
    public void Handle_HookedPod_IsCountedWhereMetricsAreServed()
    {
        Assert.True(Run(Review("inject-go=true,otel-go-auto-target-exe=/app/bin"), new ArrayBufferWriter<byte>(),
            new InjectionSettings(new Dictionary<Language, bool> { [Language.Go] = true }), [WarningReason.PrivilegedSidecar]));

        var text = RecordingMetrics.Scrape();

        Assert.Contains("otel_webhook_injections_total{language=\"go\"} ", text);
        Assert.Contains("otel_webhook_warnings_total{reason=\"privileged_sidecar\"} ", text);
    }

    [Fact]
    public void Handle_TypicalJavaPod_IsReallyInjected()
    {
        var view = AdmissionReader.Read(s_typical);
        var result = AdmissionMutation.Handle(s_typical, view, s_snapshot.Value, InjectionSettings.Defaults);

        Assert.False(result.FailedOpen);
        Assert.NotNull(result.Mutation.Patch);
        Assert.Empty(result.Mutation.Warnings);
    }

    /// <summary>
    /// One admission as <see cref="MutateEndpoint"/> answers it; true when the pod got a patch and exactly the
    /// <paramref name="expectedWarnings"/>, in order (any other warning means a branch the measurement is not about).
    /// </summary>
    private static bool Run(byte[] review, ArrayBufferWriter<byte> buffer, InjectionSettings settings, WarningReason[] expectedWarnings)
    {
        buffer.ResetWrittenCount();
        var workspace = InjectionWorkspace.Rent();
        try
        {
            var view = AdmissionReader.Read(review, workspace, s_snapshot.Value);
            var result = AdmissionMutation.Handle(review, view, s_snapshot.Value, settings, workspace);
            AdmissionWriter.WriteMutation(buffer, review.AsSpan()[view.Uid], result.Mutation.Patch, result.Mutation.Warnings);
            var outcome = result.Mutation.Patch is null ? AdmissionOutcome.Unchanged : AdmissionOutcome.Patched;
            RecordingMetrics.Instance.Decided(result.Mutation, outcome);
            RecordingMetrics.Instance.Request(MutateEndpoint.Path, outcome, 0.0004);
            return result.Mutation.Patch is not null && HasExactly(result.Mutation.Warnings, expectedWarnings);
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }

    private static bool HasExactly(IReadOnlyList<InjectionWarning> warnings, WarningReason[] expected)
    {
        if (warnings.Count != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (warnings[i].Reason != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The typical review with its inject annotation replaced by <paramref name="annotations"/> (<c>key=value</c>, comma-separated).</summary>
    private static byte[] Review(string annotations, string? name = null)
    {
        var root = JsonNode.Parse(s_typical)!;
        if (name is not null)
        {
            root["request"]!["object"]!["metadata"]!["name"] = name;
        }

        var metadata = root["request"]!["object"]!["metadata"]!["annotations"]!.AsObject();
        metadata.Remove(Prefix + "inject-java");
        foreach (var pair in annotations.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            metadata[Prefix + pair[..equals]] = pair[(equals + 1)..];
        }

        // Relaxed escaping keeps the bytes as the API server would send them ('+', '<' and '&' unescaped).
        var bytes = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(bytes, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            root.WriteTo(writer);
        }

        return bytes.WrittenSpan.ToArray();
    }

    /// <summary>
    /// examples/instrumentation.yaml (namespace "demo"), read as the folder source reads it, and the same
    /// Instrumentation in namespace "observability" for pods that name another namespace's.
    /// </summary>
    private static InstrumentationSnapshot ExamplesSnapshot()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "instrumentation.yaml");
        var text = File.ReadAllText(path);
        var shared = text.Replace("namespace: demo", "namespace: observability", StringComparison.Ordinal);
        Assert.NotEqual(text, shared);
        var builder = new SnapshotBuilder(ImageDefaults.FromTable);
        return SnapshotBuilder.Build(DocumentReader.Read(text, path).Concat(DocumentReader.Read(shared, path)).Select(d => builder.Read(d, "default")));
    }
}
