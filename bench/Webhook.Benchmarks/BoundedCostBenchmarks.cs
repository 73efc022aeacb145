using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Webhook.Injection;

namespace Webhook.Benchmarks;

/// <summary>
/// Bounded cost for any input: pods an attacker who may create pods can send, each at full size and at one tenth of
/// it, through <see cref="InjectionWorkspace.Mutate"/> as the webhook runs it: a workspace rented for the pod's size
/// and given back (<see cref="InjectionWorkspace.Rent"/>, as the endpoint does). There is no baseline: the budgets are
/// a time per pod (50 ms) and linear growth (ten times the input in at most fifteen times the time), checked by
/// bench/check-budgets against the "maxMedianMs" and "maxGrowth" entries of budgets.json.
/// <see cref="Ours"/> is a stream of the same pod, as an attacker sends it: a pod over
/// <see cref="InjectionWorkspace.BurstReviewBytes"/> finds the burst workspace the previous one left.
/// <see cref="OneOff"/> drops the burst workspaces first, so every large pod builds its storage cold, as a single large
/// pod after a quiet second does; a pod under that size is served by the thread's own workspace either way.
/// </summary>
[MemoryDiagnoser]
public class BoundedCostBenchmarks
{
    private const string Prefix = "instrumentation.opentelemetry.io/";

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
    public int Ours() => Mutate();

    [Benchmark]
    public int OneOff()
    {
        InjectionWorkspace.DropBurstWorkspaces();
        return Mutate();
    }

    /// <summary>The patch's length: the workspace goes back before the benchmark returns, and the patch with it.</summary>
    private int Mutate()
    {
        var workspace = InjectionWorkspace.Rent(_pod.Length);
        try
        {
            return workspace.Mutate(_pod, "demo", Inputs.Snapshot, Inputs.Settings).Patch?.Length ?? -1;
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }

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
