namespace Webhook.Manifests.Collector;

/// <summary>
/// A plain OpenTelemetry Collector for the auto-instrumentation guide's "create a collector" step, without the
/// operator: the ConfigMap before the Deployment that mounts it, then the Service in front of it.
/// </summary>
public static class CollectorBundle
{
    public static IReadOnlyList<BundleDocument> Create(CollectorTarget target) =>
    [
        BundleDocument.From(CollectorConfigMapManifest.Create(target), Header(target)),
        BundleDocument.From(CollectorDeploymentManifest.Create(target)),
        BundleDocument.From(CollectorServiceManifest.Create(target)),
    ];

    private static string Header(CollectorTarget target)
    {
        var http = "http://" + target.ResourceName + ":" + CollectorTarget.HttpPort;
        return "OpenTelemetry Collector \"" + target.Name + "\" (" + target.Image + ") from otel-webhook " + ReleaseVersion.Current + ":\n"
            + "Service " + target.ResourceName + ", OTLP/gRPC on " + CollectorTarget.GrpcPort + " and OTLP/HTTP on " + CollectorTarget.HttpPort
            + "; pipeline otlp -> memory_limiter, batch -> debug (the collector's log).\n"
            + (target.QualifiedHost is { } host
                ? "Instrumentations in namespace " + target.Namespace + " send to " + http + ", from other namespaces to http://" + host + ":" + CollectorTarget.HttpPort + "."
                : "Instrumentations in the namespace it is applied to send to " + http + ".");
    }
}
