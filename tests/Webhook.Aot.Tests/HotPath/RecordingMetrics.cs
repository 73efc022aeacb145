using Webhook.Observability;

namespace Webhook.Tests.HotPath;

/// <summary>
/// The webhook's metrics as a server exporting OTLP has them: the OpenTelemetry SDK reads the Meter for /metrics and
/// for an OTLP exporter (whose interval is too long to ever export here, and whose endpoint, the discard port, takes
/// nothing), so each measurement the allocation tests record goes through both readers' aggregation.
/// </summary>
public static class RecordingMetrics
{
    private static readonly Lazy<(WebhookMetrics Metrics, WebhookTelemetry Telemetry)> s_instance = new(() =>
    {
        var metrics = new WebhookMetrics(() => DateTimeOffset.UnixEpoch, () => 1, () => 0);
        var telemetry = WebhookTelemetry.Start(metrics.Meter, new TelemetrySettings(new Dictionary<string, string>
        {
            [TelemetrySettings.Endpoint] = "http://127.0.0.1:9",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "86400000",
        }), "test");
        return (metrics, telemetry);
    });

    public static WebhookMetrics Instance => s_instance.Value.Metrics;

    /// <summary>What /metrics would serve now: proof that the measurements were read.</summary>
    public static string Scrape() => s_instance.Value.Telemetry.Prometheus.Render();
}
