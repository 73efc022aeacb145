using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.InteropServices;
using Webhook.Injection;

namespace Webhook.Observability;

/// <summary>
/// The webhook's one Meter and its instruments. Names are constants; every instrument on the Meter, of any kind, is
/// read by the OpenTelemetry SDK (<see cref="WebhookTelemetry"/>), which /metrics renders in Prometheus text and OTLP
/// exports. Recording allocates nothing: the counts are fields (<see cref="LabelledCounts"/>) the SDK reads when it
/// collects, and the one histogram's label is a constant string, whose series the SDK finds without allocating.
/// </summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "otel-webhook";
    public const string Requests = "otel_webhook_admission_requests";
    public const string Duration = "otel_webhook_admission_duration_seconds";
    public const string Injections = "otel_webhook_injections";
    public const string Warnings = "otel_webhook_warnings";
    public const string BuildInfo = "otel_webhook_build_info";
    public const string CertificateExpiry = "otel_webhook_certificate_expiry_timestamp_seconds";
    public const string InFlight = "otel_webhook_admission_requests_in_flight";
    public const string SnapshotLastSuccess = "otel_webhook_snapshot_last_success_timestamp_seconds";
    public const string SnapshotInstrumentations = "otel_webhook_snapshot_instrumentations";
    public const string WatchRestarts = "otel_webhook_watch_restarts";
    public const string EventsSent = "otel_webhook_events_sent";
    public const string EventsDropped = "otel_webhook_events_dropped";
    public const string Memory = "otel_webhook_memory_bytes";

    /// <summary>From 100 µs (a pod that asks for nothing) to 5 s (far past the API server's 10 s timeout's share for one webhook).</summary>
    private static readonly double[] s_durationBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Each reason's label, made once: a warning's metric costs no string.</summary>
    private static readonly string[] s_warningLabels = Enum.GetValues<WarningReason>().Select(WarningLabel).ToArray();

    // Counted in fields and observed when metrics are collected (LabelledCounts says why); the duration stays a
    // histogram, which has no observable form.
    private readonly LabelledCounts _requests = new("endpoint", "outcome");
    private readonly Histogram<double> _duration;
    private readonly LabelledCounts _injections = new("language");
    private readonly LabelledCounts _warnings = new("reason");
    private readonly LabelledCounts _inFlight = new("endpoint");

    /// <summary>
    /// <paramref name="snapshotPublishedAt"/> and <paramref name="certificateNotAfter"/> answer null while there is
    /// none yet; their gauges then have no point at all (rather than a sentinel value an alert would have to know).
    /// </summary>
    public WebhookMetrics(Func<DateTimeOffset?> snapshotPublishedAt, Func<long> snapshotInstrumentations, Func<long> watchRestarts, IEventCounts? events = null,
        Func<DateTimeOffset?>? certificateNotAfter = null)
    {
        Meter = new Meter(MeterName);
        Meter.CreateObservableCounter(Requests, _requests.Observe, description: "Admission requests by endpoint and outcome.");
        _duration = Meter.CreateHistogram(Duration, unit: "s", description: "Time from request body read to response written.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBounds });
        Meter.CreateObservableCounter(Injections, _injections.Observe, description: "Languages injected into pods.");
        Meter.CreateObservableCounter(Warnings, _warnings.Observe, description: "Admission warnings returned, by reason.");
        Meter.CreateObservableUpDownCounter(InFlight, _inFlight.Observe, description: "Admission requests being answered now, by endpoint.");
        Meter.CreateObservableGauge(BuildInfo, BuildLabels, description: "Always 1; the labels say which build is running.");
        Meter.CreateObservableGauge(SnapshotLastSuccess, () => UnixSeconds(snapshotPublishedAt()), unit: "s",
            description: "When the current snapshot was published, in Unix seconds; no point before the first.");
        if (certificateNotAfter is not null)
        {
            Meter.CreateObservableGauge(CertificateExpiry, () => UnixSeconds(certificateNotAfter()), unit: "s",
                description: "NotAfter of the serving certificate in use (follows reloads), in Unix seconds; no point before one is loaded.");
        }

        Meter.CreateObservableGauge(SnapshotInstrumentations, snapshotInstrumentations, description: "Instrumentations in the current snapshot.");
        Meter.CreateObservableCounter(WatchRestarts, watchRestarts, description: "Watch connections restarted (drops, 410 Gone, watchdog).");
        Meter.CreateObservableGauge(Memory, MemoryByArea, unit: "By", description: "The process's memory by area: the GC's heap after the last collection and what it keeps committed, the large object heap, the resident set.");
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
        _requests.Add(1, endpoint, outcome);
        _duration.Record(seconds, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    /// <summary>Counts a request as in flight until <see cref="RequestFinished"/>; call both with the same endpoint.</summary>
    public void RequestStarted(string endpoint) => _inFlight.Add(1, endpoint);

    public void RequestFinished(string endpoint) => _inFlight.Add(-1, endpoint);

    public void Injected(string language) => _injections.Add(1, language);

    public void Warned(WarningReason reason) => _warnings.Add(1, Label(reason));

    /// <summary>The metric label of a warning reason (snake_case of its name).</summary>
    public static string Label(WarningReason reason) => (uint)reason < (uint)s_warningLabels.Length ? s_warningLabels[(int)reason] : WarningLabel(reason);

    public void Dispose() => Meter.Dispose();

    private static Measurement<double>[] UnixSeconds(DateTimeOffset? time) =>
        time is { } at ? [new(at.ToUnixTimeMilliseconds() / 1000.0)] : [];

    /// <summary>
    /// version as the image is tagged (the informational version before its '+'), revision the commit after it
    /// (<c>unknown</c> when built without one), runtime the .NET version. Read here, not from Hosting or Manifests,
    /// which depend on this folder.
    /// </summary>
    private static Measurement<long> BuildLabels()
    {
        var informational = typeof(WebhookMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return new Measurement<long>(1,
            new KeyValuePair<string, object?>("version", plus < 0 ? informational : informational[..plus]),
            new KeyValuePair<string, object?>("revision", plus < 0 ? "unknown" : informational[(plus + 1)..]),
            new KeyValuePair<string, object?>("runtime", RuntimeInformation.FrameworkDescription));
    }

    /// <summary>Where the memory is: the GC's figures are as of its last collection, the resident set is now.</summary>
    private static Measurement<long>[] MemoryByArea()
    {
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        var generations = gc.GenerationInfo;
        return
        [
            new(gc.HeapSizeBytes, new KeyValuePair<string, object?>("area", "gc_heap")),
            new(gc.FragmentedBytes, new KeyValuePair<string, object?>("area", "gc_fragmented")),
            new(gc.TotalCommittedBytes, new KeyValuePair<string, object?>("area", "gc_committed")),
            new(generations.Length > 3 ? generations[3].SizeAfterBytes : 0, new KeyValuePair<string, object?>("area", "gc_large_objects")),
            new(Environment.WorkingSet, new KeyValuePair<string, object?>("area", "resident")),
        ];
    }

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
