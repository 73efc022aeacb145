using System.Globalization;
using System.Text.Json;

namespace Webhook.Benchmarks;

/// <summary>
/// Compares BenchmarkDotNet's full JSON export with <c>bench/budgets.json</c>: allocated bytes per operation against an
/// exact budget (a figure below the budget is reported so the budget can be tightened), time only as the ratio of
/// medians to the <c>Baseline = true</c> method of the same class and input, measured in the same run — never
/// nanoseconds, since the machines that run this share 2 cores and absolute timings move from run to run.
/// </summary>
public static class BudgetCheck
{
    /// <summary>
    /// 8 bytes over a non-zero budget still pass: BenchmarkDotNet's figure is total bytes over operations, all threads
    /// counted, and a stray allocation elsewhere during a run moved typical-multi from 61,440 to 61,441 B/op. A zero
    /// budget stays strict. Any real regression on the path is at least one object, 24 bytes.
    /// </summary>
    private const long NoiseBytes = 8;

    public static int Run(string budgetsPath, string resultsFolder, TextWriter output)
    {
        var budgets = ReadBudgets(budgetsPath);
        var measured = ReadResults(resultsFolder);
        if (measured.Count == 0)
        {
            output.WriteLine($"check-budgets: no *-report-full.json in {resultsFolder}; run the suite with --exporters json first");
            output.WriteLine("check-budgets: FAIL");
            return 1;
        }

        var passed = 0;
        var failed = 0;
        var missing = 0;
        output.WriteLine($"{"benchmark",-60} {"alloc B/op",11} {"budget",9} {"ours/base",10} {"budget",7}  result");
        foreach (var (key, budget) in budgets)
        {
            if (!measured.TryGetValue(key, out var result))
            {
                missing++;
                output.WriteLine($"{key,-60} {"-",11} {Bytes(budget.AllocatedBytes),9} {"-",10} {Ratio(budget.MaxRatio),7}  not run");
                continue;
            }

            var problems = new List<string>();
            var notes = new List<string>();
            if (result.AllocatedBytes is not { } bytes)
            {
                problems.Add("no allocation figure (MemoryDiagnoser missing?)");
            }
            else if (budget.AllocatedBytes is { } allowed && bytes > allowed + (allowed == 0 ? 0 : NoiseBytes))
            {
                problems.Add($"allocates {bytes - allowed} B more than its budget");
            }

            CheckTime(result, budget, measured, problems, notes);

            var ratio = measured.TryGetValue(result.BaselineKey, out var baseline) && baseline.Median > 0 ? result.Median / baseline.Median : (double?)null;
            if (budget.MaxRatio is { } max)
            {
                if (ratio is null)
                {
                    problems.Add("its baseline was not run");
                }
                else if (ratio > max)
                {
                    problems.Add($"{1 / ratio:0.#}x faster than the baseline, budget {1 / max:0.#}x");
                }
            }

            var verdict = problems.Count == 0
                ? (budget.AllocatedBytes is null ? "pass"
                    : result.AllocatedBytes < budget.AllocatedBytes ? $"pass ({budget.AllocatedBytes - result.AllocatedBytes} B under its budget)"
                    : result.AllocatedBytes > budget.AllocatedBytes ? $"pass ({result.AllocatedBytes - budget.AllocatedBytes} B over, within noise)" : "pass")
                : "FAIL: " + string.Join("; ", problems);
            if (notes.Count > 0)
            {
                verdict += " — " + string.Join("; ", notes);
            }

            if (problems.Count == 0)
            {
                passed++;
            }
            else
            {
                failed++;
            }

            output.WriteLine($"{key,-60} {result.AllocatedBytes?.ToString(CultureInfo.InvariantCulture) ?? "?",11} {Bytes(budget.AllocatedBytes),9} {Ratio(ratio),10} {Ratio(budget.MaxRatio),7}  {verdict}");
        }

        output.WriteLine($"check-budgets: {passed} passed, {failed} failed, {missing} not run — {(failed == 0 && passed > 0 ? "PASS" : "FAIL")}");
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Bytes(long? budget) => budget?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>
    /// The bounded-cost budgets: a median time per operation (the one place a time is absolute: the claim is "under 50 ms
    /// for any pod") and growth, the median over the median of the same benchmark at a tenth of the input.
    /// </summary>
    private static void CheckTime(Result result, Budget budget, Dictionary<string, Result> measured, List<string> problems, List<string> notes)
    {
        var milliseconds = result.Median / 1e6;
        if (budget.MaxMedianMs is { } maxMs)
        {
            notes.Add($"median {milliseconds.ToString("0.00", CultureInfo.InvariantCulture)} ms, budget {maxMs.ToString("0.#", CultureInfo.InvariantCulture)} ms");
            if (milliseconds > maxMs)
            {
                problems.Add($"median {milliseconds.ToString("0.00", CultureInfo.InvariantCulture)} ms over {maxMs.ToString("0.#", CultureInfo.InvariantCulture)} ms");
            }
        }

        if (budget.GrowthOver is { } smaller && budget.MaxGrowth is { } maxGrowth)
        {
            if (!measured.TryGetValue(smaller, out var small) || small.Median <= 0)
            {
                problems.Add(smaller + " (the input it grows from) was not run");
                return;
            }

            var growth = result.Median / small.Median;
            notes.Add($"{growth.ToString("0.0", CultureInfo.InvariantCulture)}x the time of {smaller}, budget {maxGrowth.ToString("0.#", CultureInfo.InvariantCulture)}x");
            if (growth > maxGrowth)
            {
                problems.Add($"grows {growth.ToString("0.0", CultureInfo.InvariantCulture)}x over {smaller}, budget {maxGrowth.ToString("0.#", CultureInfo.InvariantCulture)}x");
            }
        }
    }

    private sealed record Budget(long? AllocatedBytes, double? MaxRatio, double? MaxMedianMs, string? GrowthOver, double? MaxGrowth);

    private sealed record Result(double Median, long? AllocatedBytes, string BaselineKey);

    private static Dictionary<string, Budget> ReadBudgets(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var budgets = new Dictionary<string, Budget>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("benchmarks").EnumerateObject())
        {
            var value = entry.Value;
            var maxRatio = value.TryGetProperty("maxRatioToBaseline", out var r) ? r.GetDouble() : (double?)null;
            var allocated = value.TryGetProperty("allocatedBytesPerOp", out var a) ? a.GetInt64() : (long?)null;
            var maxMs = value.TryGetProperty("maxMedianMs", out var m) ? m.GetDouble() : (double?)null;
            string? growthOver = null;
            double? maxGrowth = null;
            if (value.TryGetProperty("maxGrowth", out var g))
            {
                growthOver = g.GetProperty("over").GetString();
                maxGrowth = g.GetProperty("maxRatio").GetDouble();
            }

            budgets[entry.Name] = new Budget(allocated, maxRatio, maxMs, growthOver, maxGrowth);
        }

        return budgets;
    }

    /// <summary>
    /// Benchmarks by key (see <see cref="Key"/>); each knows the key of its class's baseline for the same input in the
    /// same job, so a NativeAOT figure is only ever divided by the NativeAOT baseline.
    /// </summary>
    private static Dictionary<string, Result> ReadResults(string folder)
    {
        var results = new Dictionary<string, Result>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return results;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*-report-full.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var rows = document.RootElement.GetProperty("Benchmarks").EnumerateArray().ToList();
            var baselines = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var type = row.GetProperty("Type").GetString()!;
                var input = Input(row);
                if (row.GetProperty("MethodTitle").GetString() is { } method && IsBaseline(row))
                {
                    baselines[type + "|" + input + "|" + Job(row)] = Key(type, method, input, Job(row));
                }
            }

            foreach (var row in rows)
            {
                var type = row.GetProperty("Type").GetString()!;
                var input = Input(row);
                var job = Job(row);
                if (!row.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                long? allocated = row.TryGetProperty("Memory", out var memory) && memory.TryGetProperty("BytesAllocatedPerOperation", out var b)
                    ? b.GetInt64() : null;
                results[Key(type, row.GetProperty("MethodTitle").GetString()!, input, job)] = new Result(
                    statistics.GetProperty("Median").GetDouble(), allocated, baselines.GetValueOrDefault(type + "|" + input + "|" + job, ""));
            }
        }

        return results;
    }

    private static bool IsBaseline(JsonElement row)
        => row.TryGetProperty("Baseline", out var b) ? b.ValueKind == JsonValueKind.True
            : row.GetProperty("MethodTitle").GetString() is "StjEnvelopeAndV1Pod" or "StjModelAndDiff" or "SerializeAndDiff";

    private static string Input(JsonElement row)
    {
        var parameters = row.TryGetProperty("Parameters", out var p) ? p.GetString() ?? "" : "";
        return parameters.StartsWith("Input=", StringComparison.Ordinal) ? parameters["Input=".Length..] : parameters;
    }

    /// <summary>"Class.Method(input)" for the JIT run, "Class.Method(input) [NativeAOT]" for the NativeAOT one.</summary>
    private static string Key(string type, string method, string input, string job)
        => type + "." + method + "(" + input + ")" + (job == NativeAotJob.Id ? " [" + job + "]" : "");

    /// <summary>The job's id, from BenchmarkDotNet's "Class.Method: JobId(characteristics) [parameters]".</summary>
    private static string Job(JsonElement row)
    {
        var display = row.TryGetProperty("DisplayInfo", out var d) ? d.GetString() ?? "" : "";
        var start = display.IndexOf(": ", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var job = display[(start + 2)..];
        var end = job.IndexOfAny(['(', ' ']);
        return end < 0 ? job : job[..end];
    }
}
