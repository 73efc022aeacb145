using System.Buffers;
using Webhook.Admission;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Sources;
using Xunit.Abstractions;

namespace Webhook.Tests.HotPath;

/// <summary>
/// A pod that asks for Java costs allocations (the pod view, the env entries, the patch); this guard measures how
/// many bytes one admission of the benchmarks' typical Deployment pod allocates and fails when that grows past a
/// ceiling, so a regression shows up in every CI run without a timing assertion. Same input and same path as
/// <c>EndToEndBenchmarks.Ours(typical-java)</c> in bench/: read, mutate, write the response into a reused buffer.
/// </summary>
public sealed class InjectionAllocationTests(ITestOutputHelper output)
{
    /// <summary>
    /// 40,000 bytes: measured 33,552 B per admission by this test and 33,424 B by BenchmarkDotNet (.NET 10.0.12, with
    /// AdmissionWriter's per-thread Utf8JsonWriter; docs/performance.md has the breakdown), plus about 20% headroom
    /// for runtime updates. A change that lowers the figure should lower this ceiling with it; one that raises it past
    /// the ceiling needs a reason in the PR.
    /// </summary>
    private const long CeilingBytesPerAdmission = 40_000;

    private const int Iterations = 2_000;

    private static readonly byte[] s_review = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "bench", "typical.review.json"));

    [Fact]
    public void Handle_TypicalJavaPod_AllocatesLessThanTheCeiling()
    {
        var snapshot = ExamplesSnapshot();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        for (var i = 0; i < 100; i++)
        {
            Run(snapshot, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            Run(snapshot, buffer);
        }

        var perAdmission = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
        output.WriteLine($"typical Java pod: {perAdmission} B allocated per admission (ceiling {CeilingBytesPerAdmission} B), response {buffer.WrittenCount} B");
        Assert.True(perAdmission <= CeilingBytesPerAdmission,
            $"one admission of the typical Java pod allocates {perAdmission} B, over the ceiling of {CeilingBytesPerAdmission} B");
    }

    [Fact]
    public void Handle_TypicalJavaPod_IsReallyInjected()
    {
        var view = AdmissionReader.Read(s_review);
        var result = AdmissionMutation.Handle(s_review, view, ExamplesSnapshot(), InjectionSettings.Defaults);

        Assert.False(result.FailedOpen);
        Assert.NotNull(result.Mutation.Patch);
        Assert.Empty(result.Mutation.Warnings);
    }

    private static void Run(InstrumentationSnapshot snapshot, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        var view = AdmissionReader.Read(s_review);
        var result = AdmissionMutation.Handle(s_review, view, snapshot, InjectionSettings.Defaults);
        AdmissionWriter.WriteMutation(buffer, s_review.AsSpan()[view.Uid], result.Mutation.Patch, result.Mutation.Warnings);
    }

    /// <summary>examples/instrumentation.yaml (namespace "demo"), read as the folder source reads it.</summary>
    private static InstrumentationSnapshot ExamplesSnapshot()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "instrumentation.yaml");
        var builder = new SnapshotBuilder(ImageDefaults.FromTable);
        return SnapshotBuilder.Build(DocumentReader.Read(File.ReadAllText(path), path).Select(d => builder.Read(d, "default")));
    }
}
