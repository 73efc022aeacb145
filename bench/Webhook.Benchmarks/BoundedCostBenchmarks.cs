using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Webhook.Injection;

namespace Webhook.Benchmarks;

/// <summary>
/// Bounded cost for any input: pods an attacker who may create pods can send, each at full size and at one tenth of
/// it, through <see cref="InjectionWorkspace.Mutate"/> as the webhook runs it. There is no baseline: the budgets are
/// a time per pod (50 ms) and linear growth (ten times the input in at most fifteen times the time), checked by
/// bench/check-budgets against the "maxMedianMs" and "maxGrowth" entries of budgets.json.
/// </summary>
[MemoryDiagnoser]
public class BoundedCostBenchmarks
{
    private const string Prefix = "instrumentation.opentelemetry.io/";

    private readonly InjectionWorkspace _workspace = new();
    private ReadOnlyMemory<byte> _pod;

    /// <summary>
    /// names-N: container-names with N names, one matching the pod's only container (the others are warned about);
    /// env-N: one container with N env entries; containers-N: N containers, every one named and injected.
    /// </summary>
    [Params("names-32000", "names-3200", "env-10000", "env-1000", "containers-5000", "containers-500")]
    public string Input { get; set; } = "names-3200";

    [GlobalSetup]
    public void Setup()
    {
        _pod = Pod(Input);
        _ = Inputs.Snapshot;
    }

    [Benchmark]
    public ReadOnlyMemory<byte>? Ours() => _workspace.Mutate(_pod, "demo", Inputs.Snapshot, Inputs.Settings).Patch;

    /// <summary>The pod JSON of an input name such as "names-32000".</summary>
    public static byte[] Pod(string input)
    {
        var dash = input.IndexOf('-', StringComparison.Ordinal);
        var count = int.Parse(input[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var (containers, envPerContainer, names) = input[..dash] switch
        {
            "names" => (1, 0, Enumerable.Range(0, count).Select(i => "c" + i)),
            "env" => (1, count, []),
            "containers" => (count, 0, Enumerable.Range(0, count).Select(i => "c" + i)),
            _ => throw new ArgumentException("unknown bounded-cost input " + input, nameof(input)),
        };

        var annotations = new JsonObject { [Prefix + "inject-java"] = "true" };
        if (names.Any())
        {
            annotations[Prefix + "container-names"] = string.Join(',', names);
        }

        var containerArray = new JsonArray();
        for (var c = 0; c < containers; c++)
        {
            var container = new JsonObject { ["name"] = "c" + c, ["image"] = "registry.example/app:1.0" };
            if (envPerContainer > 0)
            {
                var env = new JsonArray();
                for (var e = 0; e < envPerContainer; e++)
                {
                    env.Add(new JsonObject { ["name"] = "VAR_" + e, ["value"] = "value-" + e });
                }

                container["env"] = env;
            }

            containerArray.Add(container);
        }

        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "bounded", ["namespace"] = "demo", ["annotations"] = annotations },
            ["spec"] = new JsonObject { ["containers"] = containerArray },
        };
        return Encoding.UTF8.GetBytes(pod.ToJsonString());
    }
}
