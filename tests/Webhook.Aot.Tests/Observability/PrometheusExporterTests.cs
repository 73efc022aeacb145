using Webhook.Admission;
using Webhook.Injection;
using Webhook.Observability;

namespace Webhook.Tests.Observability;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Render_AfterRequests_ShowsCountersHistogramAndGauges()
    {
        using var metrics = new WebhookMetrics(() => DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_500), () => 3, () => 7);
        using var exporter = new PrometheusExporter(metrics.Meter);

        metrics.Request("/mutate-v1-pod", AdmissionOutcome.Patched, 0.0003);
        metrics.Request("/mutate-v1-pod", AdmissionOutcome.Patched, 0.2);
        metrics.Request("/mutate-v1-pod", AdmissionOutcome.FailedOpen, 0.001);
        metrics.Injected("java");
        metrics.Warned(WarningReason.NoInstrumentation);
        var text = exporter.Render();

        Assert.Contains("# TYPE otel_webhook_admission_requests_total counter", text);
        Assert.Contains("otel_webhook_admission_requests_total{endpoint=\"/mutate-v1-pod\",outcome=\"patched\"} 2\n", text);
        Assert.Contains("otel_webhook_admission_requests_total{endpoint=\"/mutate-v1-pod\",outcome=\"failed_open\"} 1\n", text);
        Assert.Contains("otel_webhook_admission_duration_seconds_bucket{endpoint=\"/mutate-v1-pod\",le=\"0.0005\"} 1\n", text);
        Assert.Contains("otel_webhook_admission_duration_seconds_bucket{endpoint=\"/mutate-v1-pod\",le=\"+Inf\"} 3\n", text);
        Assert.Contains("otel_webhook_admission_duration_seconds_count{endpoint=\"/mutate-v1-pod\"} 3\n", text);
        Assert.Contains("otel_webhook_injections_total{language=\"java\"} 1\n", text);
        Assert.Contains("otel_webhook_warnings_total{reason=\"no_instrumentation\"} 1\n", text);
        Assert.Contains("otel_webhook_snapshot_last_success_timestamp_seconds 1780000000.5\n", text);
        Assert.Contains("otel_webhook_snapshot_instrumentations 3\n", text);
        Assert.Contains("otel_webhook_watch_restarts_total 7\n", text);
    }

    [Fact]
    public void Render_EventStatistics_ShowsSentAndDroppedByLabel()
    {
        var events = new Webhook.Events.EventStatistics();
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0, events);
        using var exporter = new PrometheusExporter(metrics.Meter);

        events.CountCreated();
        events.CountCreated();
        events.CountUpdated();
        events.CountQueueFull();
        events.CountFailed();
        var text = exporter.Render();

        Assert.Contains("otel_webhook_events_sent_total{request=\"create\"} 2\n", text);
        Assert.Contains("otel_webhook_events_sent_total{request=\"series_update\"} 1\n", text);
        Assert.Contains("otel_webhook_events_dropped_total{cause=\"queue_full\"} 1\n", text);
        Assert.Contains("otel_webhook_events_dropped_total{cause=\"rate_limited\"} 0\n", text);
        Assert.Contains("otel_webhook_events_dropped_total{cause=\"api_error\"} 1\n", text);
    }

    [Fact]
    public void Render_ObservableCounter_ReportsTheCurrentTotalNotASum()
    {
        var restarts = 1L;
        using var metrics = new WebhookMetrics(() => null, () => 0, () => restarts);
        using var exporter = new PrometheusExporter(metrics.Meter);

        exporter.Render();
        restarts = 4;
        var text = exporter.Render();

        Assert.Contains("otel_webhook_watch_restarts_total 4\n", text);
    }
}
