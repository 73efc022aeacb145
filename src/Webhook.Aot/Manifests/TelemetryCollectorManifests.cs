using Webhook.Manifests.Collector;

namespace Webhook.Manifests;

/// <summary>
/// <c>manifests --telemetry-collector</c>: the collector of <c>manifests --collector</c>, named
/// <c>otel-webhook-collector</c> and put in the webhook's namespace, where the Deployment sends the webhook's own
/// metrics (and traces, when asked for) over OTLP/HTTP.
/// </summary>
internal static class TelemetryCollectorManifests
{
    public static IEnumerable<BundleDocument> Create(InstallTarget target)
    {
        var collector = Target(target);
        var documents = CollectorBundle.Create(collector);
        var note = "OpenTelemetry Collector " + collector.ResourceName + " (" + collector.Image + "): the webhook's own telemetry goes here\n"
            + "(OTEL_EXPORTER_OTLP_ENDPOINT of the Deployment); pipeline otlp -> memory_limiter, batch -> debug (the collector's log).";
        return documents.Select((document, index) => index == 0 ? document with { Comment = note } : document);
    }

    public static string Endpoint(InstallTarget target) => "http://" + Target(target).QualifiedHost + ":" + CollectorTarget.HttpPort;

    private static CollectorTarget Target(InstallTarget target) => new(InstallTarget.Name, target.Namespace, CollectorTarget.DefaultImage);
}
