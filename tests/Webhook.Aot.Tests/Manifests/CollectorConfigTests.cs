using System.Text.Json.Nodes;
using k8s.Models;
using Webhook.Documents;

namespace Webhook.Tests.Manifests;

/// <summary>The collector's configuration, read back from its ConfigMap: the guide's pipeline, wired for every signal.</summary>
public sealed class CollectorConfigTests
{
    private static readonly JsonObject s_config = ReadConfig();

    [Fact]
    public void Config_OtlpReceiver_ListensOnBothProtocolsOnTheServicePorts()
    {
        var protocols = s_config["receivers"]!["otlp"]!["protocols"]!;

        Assert.Equal("0.0.0.0:4317", (string?)protocols["grpc"]!["endpoint"]);
        Assert.Equal("0.0.0.0:4318", (string?)protocols["http"]!["endpoint"]);
    }

    [Fact]
    public void Config_Processors_AreTheGuidesMemoryLimiterAndBatch()
    {
        var processors = s_config["processors"]!;

        Assert.Equal(("1s", 75, 15), ((string?)processors["memory_limiter"]!["check_interval"], (int)processors["memory_limiter"]!["limit_percentage"]!,
            (int)processors["memory_limiter"]!["spike_limit_percentage"]!));
        Assert.Equal((10000, "10s"), ((int)processors["batch"]!["send_batch_size"]!, (string?)processors["batch"]!["timeout"]));
    }

    [Fact]
    public void Config_Pipelines_TakeOtlpThroughMemoryLimiterThenBatchToDebugForEverySignal()
    {
        var pipelines = s_config["service"]!["pipelines"]!.AsObject();

        Assert.Equal(["traces", "metrics", "logs"], pipelines.Select(pipeline => pipeline.Key));
        Assert.All(pipelines, pipeline =>
        {
            Assert.Equal(["otlp"], Names(pipeline.Value!["receivers"]));
            Assert.Equal(["memory_limiter", "batch"], Names(pipeline.Value!["processors"]));
            Assert.Equal(["debug"], Names(pipeline.Value!["exporters"]));
        });
    }

    [Fact]
    public void Config_EveryComponentAPipelineNames_IsDefined()
    {
        foreach (var (_, pipeline) in s_config["service"]!["pipelines"]!.AsObject())
        {
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                Assert.All(Names(pipeline![section]), name => Assert.NotNull(s_config[section]!.AsObject()[name]));
            }
        }
    }

    private static List<string> Names(JsonNode? list) => list!.AsArray().Select(name => (string)name!).ToList();

    private static JsonObject ReadConfig()
    {
        var configMap = BundleRun.Of("--collector", "demo").Model<V1ConfigMap>("ConfigMap");
        var yaml = Assert.Single(configMap.Data).Value;
        return (JsonObject)JsonNode.Parse(Assert.Single(DocumentReader.Read(yaml, "collector.yaml")).Json)!;
    }
}
