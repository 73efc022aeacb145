using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Webhook.Benchmarks;

/// <summary>
/// Runs a benchmark's body until the JIT has stopped compiling, so that the JIT job measures the code a long-running
/// webhook runs: tier 1 with dynamic PGO. BenchmarkDotNet's short job (3 warm-up iterations) starts measuring while
/// the tiering thread is still working through its queue (its own methods and ours); on a busy machine the handler
/// then runs partly at tier 0, several times slower, and the figure falls iteration by iteration. The JIT is taken to
/// be done once no method has been compiled for <see cref="Quiet"/>, or after <see cref="Limit"/> at most. Under
/// NativeAOT there is nothing to wait for; BENCH_JIT_WARMUP=0 turns it off (measures as BenchmarkDotNet alone does).
/// </summary>
public static class TieredWarmup
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static void Run(Action body)
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled || Environment.GetEnvironmentVariable("BENCH_JIT_WARMUP") == "0")
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var lastCompile = TimeSpan.Zero;
        var runs = 0;
        while (clock.Elapsed - lastCompile < Quiet && clock.Elapsed < Limit)
        {
            for (var i = 0; i < 100; i++)
            {
                body();
            }

            runs += 100;

            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastCompile = clock.Elapsed;
            }
        }

        Console.WriteLine($"// tiered warm-up: {runs} runs in {clock.Elapsed.TotalSeconds:F1} s, the last compilation at {lastCompile.TotalSeconds:F1} s");
    }
}
