using System.Text.Json.Nodes;

namespace Webhook.Manifests.Collector;

/// <summary>
/// The collector <c>manifests --collector NAME</c> prints, and the names its documents share. Every object is named
/// <c>NAME-collector</c>, as the OpenTelemetry Operator names what it creates for an <c>OpenTelemetryCollector</c>
/// NAME, so the guide's endpoints (<c>http://NAME-collector:4318</c>) reach it without the operator.
/// </summary>
public sealed record CollectorTarget(string Name, string? Namespace, string Image)
{
    /// <summary>The collector release of the operator version otel-webhook follows (0.158.0).</summary>
    public const string DefaultImage = "otel/opentelemetry-collector-contrib:0.158.0";

    public const string ContainerName = "otc-container";
    public const int GrpcPort = 4317;
    public const int HttpPort = 4318;
    public const string GrpcPortName = "otlp-grpc";
    public const string HttpPortName = "otlp-http";
    public const string ConfigKey = "collector.yaml";
    public const string ConfigDirectory = "/conf";
    public const string ConfigVolume = "otc-internal";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string Component = "opentelemetry-collector";

    /// <summary>The Deployment's, the Service's and the ConfigMap's name: the host name instrumented pods send to.</summary>
    public string ResourceName => Name + "-collector";

    /// <summary>How an instrumented pod in another namespace reaches the Service, or null when the namespace is left to kubectl.</summary>
    public string? QualifiedHost => Namespace is null ? null : ResourceName + "." + Namespace + ".svc.cluster.local";

    public JsonObject Labels() => new() { [NameLabel] = ResourceName, [ComponentLabel] = Component };

    /// <summary>
    /// <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>; without a namespace, <c>kubectl apply -n</c> (or the
    /// context's namespace) decides, which keeps the collector beside the applications that send to its short name.
    /// </summary>
    public JsonObject Header(string apiVersion, string kind)
    {
        var metadata = new JsonObject { ["name"] = ResourceName };
        if (Namespace is not null)
        {
            metadata["namespace"] = Namespace;
        }

        metadata["labels"] = Labels();
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }
}
