using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Webhook.Admission;
using Webhook.Injection;
using Webhook.Injection.Pods;

namespace Webhook.Benchmarks;

/// <summary>
/// <c>--fastest-batch STAGE INPUT [ADMISSIONS]</c>: one stage in a loop, timed in batches of 100 admissions (1 for the
/// bounded-cost pods), printing the fastest batch and the 5th, 25th and 50th percentiles in microseconds per admission.
/// On a machine other builds load, BenchmarkDotNet's medians move by several times from run to run; the fastest
/// batches are the ones the load left alone, so two builds compare by them, run alternately. Stages:
/// <c>end-to-end</c> (<see cref="EndToEndBenchmarks.HandleOurs"/>), <c>end-to-end-after-baseline</c> (the same, after
/// the baseline ran ADMISSIONS / 10 times in the process, as BenchmarkDotNet's in-process run has it), <c>read</c> (the envelope with the pod in its pass),
/// <c>envelope</c> (the envelope alone), <c>mutate</c> (<see cref="MutateBenchmarks.Ours"/>: the pod read, decided and
/// written), <c>pod</c> (the pod read alone, so <c>mutate</c> less <c>pod</c> is deciding and writing), <c>bounded</c> (<see cref="BoundedCostBenchmarks"/>' pod named by INPUT,
/// always in one thread's workspace), <c>bounded-stream</c> (that pod as <see cref="BoundedCostBenchmarks.Ours"/> sends it: a
/// workspace rented for its size, so a pod over 64 KiB finds the burst workspace the previous one left),
/// <c>bounded-oneoff</c> (that pod as <see cref="BoundedCostBenchmarks.OneOff"/> sends it: the burst workspaces dropped
/// first, so a large pod's workspace is built cold). The line also gives the bytes allocated per admission.
/// </summary>
public static class FastestBatch
{
    public static int Run(string stage, string input, int admissions, TextWriter output)
    {
        var workspace = new InjectionWorkspace();
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        Action admit = stage switch
        {
            "end-to-end" or "end-to-end-after-baseline" => () =>
            {
                buffer.ResetWrittenCount();
                EndToEndBenchmarks.HandleOurs(Inputs.Get(input), buffer);
            },
            "read" => () => AdmissionReader.Read(Inputs.Get(input).Review, workspace, Inputs.Snapshot),
            "envelope" => () => AdmissionReader.Read(Inputs.Get(input).Review),
            "mutate" => () => workspace.Mutate(Inputs.Get(input).Pod, Inputs.Get(input).Namespace, Inputs.Snapshot, Inputs.Settings),
            "pod" => () => PodReader.Read(Inputs.Get(input).Pod, workspace.Pod),
            "bounded" => Bounded(workspace, BoundedCostBenchmarks.Pod(input)),
            "bounded-oneoff" => BoundedOneOff(BoundedCostBenchmarks.Pod(input)),
            "bounded-stream" => BoundedStream(BoundedCostBenchmarks.Pod(input)),
            _ => throw new ArgumentException("stage is end-to-end, end-to-end-after-baseline, read, envelope, mutate, pod, bounded, bounded-stream or bounded-oneoff, not " + stage),
        };

        if (stage == "end-to-end-after-baseline")
        {
            // What an in-process BenchmarkDotNet run does before it reaches ours: the baseline, in the same process.
            for (var i = 0; i < Math.Max(20, admissions / 10); i++)
            {
                buffer.ResetWrittenCount();
                Baseline.BaselineAdmission.Handle(Inputs.Get(input).Review, buffer, Inputs.Snapshot);
            }
        }

        var batch = stage.StartsWith("bounded", StringComparison.Ordinal) ? 1 : 100;
        for (var i = 0; i < Math.Max(20, admissions / 10); i++)
        {
            admit();
        }

        var times = new List<double>();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var collectionsBefore = GC.CollectionCount(0);
        for (var done = 0; done < admissions; done += batch)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                admit();
            }

            times.Add(clock.Elapsed.TotalMicroseconds / batch);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Math.Max(1, times.Count * batch);
        var collections = GC.CollectionCount(0) - collectionsBefore;
        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage} {input}: fastest {times[0]:F2} us, p5 {times[times.Count / 20]:F2} us, p25 {times[times.Count / 4]:F2} us, median {times[times.Count / 2]:F2} us ({times.Count} batches of {batch}); {allocated} B allocated per admission, {collections} collections"));
        return 0;
    }

    private static Action Bounded(InjectionWorkspace workspace, byte[] pod)
        => () => workspace.Mutate(pod, "demo", Inputs.Snapshot, Inputs.Settings);

    private static Action BoundedStream(byte[] pod) => () =>
    {
        var workspace = InjectionWorkspace.Rent(pod.Length);
        try
        {
            workspace.Mutate(pod, "demo", Inputs.Snapshot, Inputs.Settings);
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    };

    private static Action BoundedOneOff(byte[] pod) => () =>
    {
        InjectionWorkspace.DropBurstWorkspaces();
        var workspace = InjectionWorkspace.Rent(pod.Length);
        try
        {
            workspace.Mutate(pod, "demo", Inputs.Snapshot, Inputs.Settings);
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    };
}
