using System.Diagnostics.Metrics;
using Webhook.Injection;

namespace Webhook.Observability;

/// <summary>The webhook's one Meter and its instruments. Names are constants; /metrics renders them in Prometheus text.</summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "otel-webhook";
    public const string Requests = "otel_webhook_admission_requests";
    public const string Duration = "otel_webhook_admission_duration_seconds";
    public const string Injections = "otel_webhook_injections";
    public const string Warnings = "otel_webhook_warnings";
    public const string SnapshotAge = "otel_webhook_snapshot_age_seconds";
    public const string SnapshotInstrumentations = "otel_webhook_snapshot_instrumentations";
    public const string WatchRestarts = "otel_webhook_watch_restarts";
    public const string EventsSent = "otel_webhook_events_sent";
    public const string EventsDropped = "otel_webhook_events_dropped";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _injections;
    private readonly Counter<long> _warnings;

    public WebhookMetrics(Func<double?> snapshotAgeSeconds, Func<long> snapshotInstrumentations, Func<long> watchRestarts, IEventCounts? events = null)
    {
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>(Requests, description: "Admission requests by endpoint and outcome.");
        _duration = Meter.CreateHistogram<double>(Duration, unit: "s", description: "Time from request body read to response written.");
        _injections = Meter.CreateCounter<long>(Injections, description: "Languages injected into pods.");
        _warnings = Meter.CreateCounter<long>(Warnings, description: "Admission warnings returned, by reason.");
        Meter.CreateObservableGauge(SnapshotAge, () => snapshotAgeSeconds() ?? -1, unit: "s", description: "Seconds since the current snapshot was published (-1 before the first).");
        Meter.CreateObservableGauge(SnapshotInstrumentations, snapshotInstrumentations, description: "Instrumentations in the current snapshot.");
        Meter.CreateObservableCounter(WatchRestarts, watchRestarts, description: "Watch connections restarted (drops, 410 Gone, watchdog).");
        if (events is not null)
        {
            Meter.CreateObservableCounter(EventsSent, () => EventsSentBy(events), description: "Kubernetes Events created, and series counts updated, for admission warnings.");
            Meter.CreateObservableCounter(EventsDropped, () => EventsDroppedBy(events), description: "Admission warnings that did not become an Event, by cause.");
        }
    }

    public Meter Meter { get; }

    /// <summary>One answered request; <paramref name="outcome"/> is the outcome's metric label (<c>patched</c>, <c>bad_request</c>, …).</summary>
    public void Request(string endpoint, string outcome, double seconds)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(seconds, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    public void Injected(string language) => _injections.Add(1, new KeyValuePair<string, object?>("language", language));

    public void Warned(WarningReason reason) => _warnings.Add(1, new KeyValuePair<string, object?>("reason", WarningLabel(reason)));

    public void Dispose() => Meter.Dispose();

    private static Measurement<long>[] EventsSentBy(IEventCounts events) =>
    [
        new(events.Created, new KeyValuePair<string, object?>("request", "create")),
        new(events.Updated, new KeyValuePair<string, object?>("request", "series_update")),
    ];

    private static Measurement<long>[] EventsDroppedBy(IEventCounts events) =>
    [
        new(events.DroppedQueueFull, new KeyValuePair<string, object?>("cause", "queue_full")),
        new(events.DroppedRateLimited, new KeyValuePair<string, object?>("cause", "rate_limited")),
        new(events.DroppedFailed, new KeyValuePair<string, object?>("cause", "api_error")),
    ];

    /// <summary>snake_case of the reason, so metric labels stay stable if the enum is reordered.</summary>
    private static string WarningLabel(WarningReason reason)
    {
        var name = reason.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
