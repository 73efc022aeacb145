using System.Text.Json.Nodes;
using Webhook.Documents;

namespace Webhook.Manifests.Collector;

/// <summary>
/// The pipeline of the auto-instrumentation guide's collector: OTLP received over gRPC and HTTP, memory_limiter then
/// batch, the debug exporter (telemetry written to the collector's log), for traces, metrics and logs alike.
/// </summary>
public static class CollectorConfig
{
    private static readonly string[] s_signals = ["traces", "metrics", "logs"];

    /// <summary>The configuration as the YAML text the collector reads from its ConfigMap.</summary>
    public static string Yaml() => YamlWriter.ToYaml(BundleDocument.From(Create()).Json);

    private static JsonObject Create() => new()
    {
        ["receivers"] = new JsonObject
        {
            ["otlp"] = new JsonObject
            {
                ["protocols"] = new JsonObject
                {
                    ["grpc"] = new JsonObject { ["endpoint"] = "0.0.0.0:" + CollectorTarget.GrpcPort },
                    ["http"] = new JsonObject { ["endpoint"] = "0.0.0.0:" + CollectorTarget.HttpPort },
                },
            },
        },
        ["processors"] = new JsonObject
        {
            ["memory_limiter"] = new JsonObject { ["check_interval"] = "1s", ["limit_percentage"] = 75, ["spike_limit_percentage"] = 15 },
            ["batch"] = new JsonObject { ["send_batch_size"] = 10000, ["timeout"] = "10s" },
        },
        ["exporters"] = new JsonObject { ["debug"] = new JsonObject() },
        ["service"] = new JsonObject { ["pipelines"] = Pipelines() },
    };

    private static JsonObject Pipelines()
    {
        var pipelines = new JsonObject();
        foreach (var signal in s_signals)
        {
            pipelines[signal] = new JsonObject
            {
                ["receivers"] = new JsonArray("otlp"),
                ["processors"] = new JsonArray("memory_limiter", "batch"),
                ["exporters"] = new JsonArray("debug"),
            };
        }

        return pipelines;
    }
}
