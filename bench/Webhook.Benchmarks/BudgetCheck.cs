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
                output.WriteLine($"{key,-60} {"-",11} {budget.AllocatedBytes,9} {"-",10} {Ratio(budget.MaxRatio),7}  not run");
                continue;
            }

            var problems = new List<string>();
            if (result.AllocatedBytes is not { } bytes)
            {
                problems.Add("no allocation figure (MemoryDiagnoser missing?)");
            }
            else if (bytes > budget.AllocatedBytes + (budget.AllocatedBytes == 0 ? 0 : NoiseBytes))
            {
                problems.Add($"allocates {bytes - budget.AllocatedBytes} B more than its budget");
            }

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
                ? (result.AllocatedBytes < budget.AllocatedBytes ? $"pass ({budget.AllocatedBytes - result.AllocatedBytes} B under its budget)"
                    : result.AllocatedBytes > budget.AllocatedBytes ? $"pass ({result.AllocatedBytes - budget.AllocatedBytes} B over, within noise)" : "pass")
                : "FAIL: " + string.Join("; ", problems);
            if (problems.Count == 0)
            {
                passed++;
            }
            else
            {
                failed++;
            }

            output.WriteLine($"{key,-60} {result.AllocatedBytes?.ToString(CultureInfo.InvariantCulture) ?? "?",11} {budget.AllocatedBytes,9} {Ratio(ratio),10} {Ratio(budget.MaxRatio),7}  {verdict}");
        }

        output.WriteLine($"check-budgets: {passed} passed, {failed} failed, {missing} not run — {(failed == 0 && passed > 0 ? "PASS" : "FAIL")}");
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private sealed record Budget(long AllocatedBytes, double? MaxRatio);

    private sealed record Result(double Median, long? AllocatedBytes, string BaselineKey);

    private static Dictionary<string, Budget> ReadBudgets(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var budgets = new Dictionary<string, Budget>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("benchmarks").EnumerateObject())
        {
            var maxRatio = entry.Value.TryGetProperty("maxRatioToBaseline", out var r) ? r.GetDouble() : (double?)null;
            budgets[entry.Name] = new Budget(entry.Value.GetProperty("allocatedBytesPerOp").GetInt64(), maxRatio);
        }

        return budgets;
    }

    /// <summary>Benchmarks by "Class.Method(input)"; each knows the key of its class's baseline for the same input.</summary>
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
                    baselines[type + "|" + input] = Key(type, method, input);
                }
            }

            foreach (var row in rows)
            {
                var type = row.GetProperty("Type").GetString()!;
                var input = Input(row);
                if (!row.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                long? allocated = row.TryGetProperty("Memory", out var memory) && memory.TryGetProperty("BytesAllocatedPerOperation", out var b)
                    ? b.GetInt64() : null;
                results[Key(type, row.GetProperty("MethodTitle").GetString()!, input)] = new Result(
                    statistics.GetProperty("Median").GetDouble(), allocated, baselines.GetValueOrDefault(type + "|" + input, ""));
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

    private static string Key(string type, string method, string input) => type + "." + method + "(" + input + ")";
}
