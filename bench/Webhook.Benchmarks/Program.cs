using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using Webhook.Benchmarks;

// bench/Webhook.Benchmarks: BenchmarkDotNet's command line (--filter, --job, --inProcess, --artifacts …), plus
//   --verify                           check that every baseline produces the same pod as ours (see Verify.cs)
//   --check-budgets BUDGETS RESULTS    compare BenchmarkDotNet's JSON export in RESULTS with BUDGETS (see BudgetCheck.cs)
//   --mstat FILE                       what takes the space in a NativeAOT binary, from ILC's .mstat file (see MstatReport.cs)
//   --native-aot [BENCHMARKDOTNET-ARGS] the end-to-end benchmarks, baseline included, compiled by NativeAOT with the
//                                      shipped project's code-generation settings (see NativeAotJob.cs); out of process
//   --fastest-batch STAGE INPUT [N]    one stage in a loop, timed by batches; the fastest batch (see FastestBatch.cs)
#if BENCH_AOT
// bench/aot-gap's NativeAOT build (BenchAot=true) runs only the loops: ILC then compiles the handler, not BenchmarkDotNet.
if (args is not ["--fastest-batch", var aotStage, var aotInput, .. var aotCount])
{
    Console.Error.WriteLine("this build (BenchAot=true) runs only --fastest-batch STAGE INPUT [N]");
    return 2;
}

return FastestBatch.Run(aotStage, aotInput, aotCount is [var aotN] ? int.Parse(aotN, System.Globalization.CultureInfo.InvariantCulture) : 200_000, Console.Out);
#else
return args switch
{
    ["--verify"] => Verify.Run(Console.Out),
    ["--check-budgets", var budgets, var results] => BudgetCheck.Run(budgets, results, Console.Out),
    ["--mstat", var mstat] => MstatReport.Run(mstat, Console.Out),
    ["--native-aot", .. var rest] => Run(rest, nativeAot: true),
    ["--fastest-batch", var stage, var input, .. var count] => FastestBatch.Run(stage, input, count is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 200_000, Console.Out),
    _ => Run(args, nativeAot: false),
};

static int Run(string[] args, bool nativeAot)
{
    var config = DefaultConfig.Instance.AddExporter(JsonExporter.Full);
    var switcher = BenchmarkSwitcher.FromAssembly(typeof(Inputs).Assembly);
    if (nativeAot)
    {
        // A NativeAOT publish takes minutes on 2 shared cores; BenchmarkDotNet gives up on a build after 5 by default.
        config = config.AddJob(NativeAotJob.Create()).WithBuildTimeout(TimeSpan.FromMinutes(60));
        switcher = BenchmarkSwitcher.FromTypes([typeof(EndToEndBenchmarks)]);
    }

    var summaries = switcher.Run(args, config);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
#endif
