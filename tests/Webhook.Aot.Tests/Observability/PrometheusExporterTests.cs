using System.Diagnostics.Metrics;
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
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

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
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

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
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

        exporter.Render();
        restarts = 4;
        var text = exporter.Render();

        Assert.Contains("otel_webhook_watch_restarts_total 4\n", text);
    }

    /// <summary>Any kind of instrument added to the Meter (gauges, up-down counters) reach /metrics with no change to the exporter.</summary>
    [Fact]
    public void Render_EveryKindOfInstrumentOnTheMeter_IsServed()
    {
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        var inFlight = metrics.Meter.CreateUpDownCounter<long>("otel_webhook_test_in_flight", description: "An up-down counter.");
        var expiry = metrics.Meter.CreateGauge<double>("otel_webhook_test_expiry_timestamp_seconds", unit: "s", description: "A gauge.");
        metrics.Meter.CreateObservableUpDownCounter("otel_webhook_test_queue", () => 5L, description: "An observable up-down counter.");
        metrics.Meter.CreateObservableGauge("otel_webhook_test_build_info", () => new Measurement<long>(1, new KeyValuePair<string, object?>("version", "1.2.3")), description: "An observable gauge.");
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");

        inFlight.Add(3);
        inFlight.Add(-1);
        expiry.Record(1767225600);
        var text = telemetry.Prometheus.Render();

        Assert.Contains("# TYPE otel_webhook_test_in_flight gauge\notel_webhook_test_in_flight 2\n", text);
        Assert.Contains("# TYPE otel_webhook_test_expiry_timestamp_seconds gauge\notel_webhook_test_expiry_timestamp_seconds 1767225600\n", text);
        Assert.Contains("otel_webhook_test_queue 5\n", text);
        Assert.Contains("otel_webhook_test_build_info{version=\"1.2.3\"} 1\n", text);
    }

    /// <summary>
    /// The SDK reserves room per stream for as many label sets as it may keep (2,000 by default, per reader); ours keep
    /// <see cref="WebhookTelemetry.MaxLabelSetsPerMetric"/>, and what goes past it is folded into one overflow series (the SDK keeps one point of the limit for it, and may show it beside the limit).
    /// </summary>
    [Fact]
    public void Render_MoreLabelSetsThanTheLimit_KeepsTheLimitAndFoldsTheRest()
    {
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        var many = metrics.Meter.CreateCounter<long>("otel_webhook_test_many", description: "A counter of many label sets.");
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");

        const int sent = WebhookTelemetry.MaxLabelSetsPerMetric + 100;
        for (var i = 0; i < sent; i++)
        {
            many.Add(1, new KeyValuePair<string, object?>("item", "i" + i));
        }

        var series = telemetry.Prometheus.Render().Split('\n').Where(static line => line.StartsWith("otel_webhook_test_many_total{", StringComparison.Ordinal)).ToList();
        Assert.InRange(series.Count, WebhookTelemetry.MaxLabelSetsPerMetric - 1, WebhookTelemetry.MaxLabelSetsPerMetric + 1);
        Assert.Equal(sent, series.Sum(static line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The runtime's and the process's own metrics, from .NET's built-in System.Runtime meter, in Prometheus names.</summary>
    [Fact]
    public void Render_RuntimeMeter_ServesGcAndProcessMetricsWithUnitSuffixes()
    {
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        GC.Collect();

        var text = telemetry.Prometheus.Render();

        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", text);
        Assert.Contains("# TYPE dotnet_process_memory_working_set_bytes gauge\n", text);
        Assert.Contains("# TYPE dotnet_process_cpu_time_seconds_total counter\n", text);
        Assert.Contains("dotnet_process_cpu_time_seconds_total{cpu_mode=\"user\"} ", text);
    }

    /// <summary>Two servers in one process (tests do that) each serve only their own Meter's measurements.</summary>
    [Fact]
    public void Render_AnotherMeterOfTheSameName_IsNotCounted()
    {
        using var ours = new WebhookMetrics(() => null, () => 0, () => 0);
        using var other = new WebhookMetrics(() => null, () => 0, () => 0);
        using var telemetry = WebhookTelemetry.Start(ours.Meter, TelemetrySettings.None, "test");

        ours.Injected("python");
        other.Injected("python");
        other.Injected("python");

        Assert.Contains("otel_webhook_injections_total{language=\"python\"} 1\n", telemetry.Prometheus.Render());
    }
}
