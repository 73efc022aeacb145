using System.Text.Json.Nodes;

namespace Webhook.Manifests.Collector;

/// <summary>The Service instrumented pods send to: OTLP/gRPC on 4317 and OTLP/HTTP on 4318, named as the operator names them.</summary>
internal static class CollectorServiceManifest
{
    public static JsonObject Create(CollectorTarget target)
    {
        var service = target.Header("v1", "Service");
        service["spec"] = new JsonObject
        {
            ["selector"] = target.Labels(),
            ["ports"] = new JsonArray(
                Port(CollectorTarget.GrpcPortName, CollectorTarget.GrpcPort, "grpc"),
                Port(CollectorTarget.HttpPortName, CollectorTarget.HttpPort, "http")),
        };
        return service;
    }

    private static JsonObject Port(string name, int port, string appProtocol) => new()
    {
        ["name"] = name,
        ["port"] = port,
        ["targetPort"] = port,
        ["protocol"] = "TCP",
        ["appProtocol"] = appProtocol,
    };
}
