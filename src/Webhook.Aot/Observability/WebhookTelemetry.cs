using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Webhook.Observability;

/// <summary>
/// The webhook's OpenTelemetry SDK: one MeterProvider over the webhook's Meter, ASP.NET Core's and Kestrel's meters
/// and the runtime's (GC, heap, thread pool, and process CPU and working set), read by /metrics always and by OTLP
/// when an endpoint is set; and a TracerProvider over <see cref="AdmissionSpan"/> when traces are asked for.
/// With no endpoint, nothing but the /metrics reader exists: no exporter, no thread, no listener on the spans.
/// </summary>
public sealed class WebhookTelemetry : IDisposable
{
    public const string ServiceName = "otel-webhook";

    /// <summary>Meters published by .NET itself (names from the runtime's and ASP.NET Core's documented built-in metrics).</summary>
    public static readonly string[] BuiltInMeters = ["System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>
    /// Instruments of the built-in meters left out (meter, instrument): each is recorded on every admission, and the
    /// webhook's own series say the same for admissions (requests in flight). An instrument nothing reads is not
    /// enabled, so Kestrel and hosting skip recording it: about 1.5% of the server's CPU at HTTP/2 saturation
    /// (docs/performance.md, "The I/O floor"; docs/monitoring.md lists what is left out).
    /// </summary>
    public static readonly (string Meter, string Instrument)[] LeftOut =
    [
        ("Microsoft.AspNetCore.Server.Kestrel", "kestrel.queued_requests"),
        ("Microsoft.AspNetCore.Hosting", "http.server.active_requests"),
    ];

    /// <summary>Label sets kept per metric stream: far more than any of ours has (warnings by reason are the most, a few dozen).</summary>
    public const int MaxLabelSetsPerMetric = 256;

    private static readonly MetricStreamConfiguration s_bounded = new() { CardinalityLimit = MaxLabelSetsPerMetric };

    private readonly MeterProvider _meters;
    private readonly TracerProvider? _traces;

    private WebhookTelemetry(MeterProvider meters, TracerProvider? traces, PrometheusExporter prometheus)
    {
        _meters = meters;
        _traces = traces;
        Prometheus = prometheus;
    }

    public PrometheusExporter Prometheus { get; }

    /// <summary>
    /// Starts reading <paramref name="webhookMeter"/>, the built-in meters (of <paramref name="hostMeters"/> only,
    /// when given: ASP.NET Core creates its meters through the host's factory), and exporting as
    /// <paramref name="settings"/> say.
    /// </summary>
    public static WebhookTelemetry Start(Meter webhookMeter, TelemetrySettings settings, string version, IMeterFactory? hostMeters = null)
    {
        // The SDK reads its OTEL_* settings (endpoint, protocol, headers, interval, sampler, resource) from this.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Variables.Select(static v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        void Configure(IServiceCollection services) => services.AddSingleton<IConfiguration>(configuration);

        // service.name is otel-webhook unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise: the
        // variables' detector comes last, and the last value of an attribute wins.
        var resource = ResourceBuilder.CreateEmpty().AddService(ServiceName, serviceVersion: version).AddTelemetrySdk().AddEnvironmentVariableDetector();
        var prometheus = new PrometheusExporter();
        var meters = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(Configure)
            .SetResourceBuilder(resource)
            .AddMeter(webhookMeter.Name)
            .AddMeter(BuiltInMeters)
            // A process normally holds one of each; tests run several servers side by side, and each reads its own.
            // The SDK reserves room for 2,000 label sets per stream and reader up front; ours have tens at most.
            .AddView(instrument => IsAnotherServers(instrument, webhookMeter, hostMeters) || IsLeftOut(instrument) ? MetricStreamConfiguration.Drop : s_bounded)
            .SetExemplarFilter(ExemplarFilterType.AlwaysOff)
            .AddReader(prometheus.Reader);
        if (settings.ExportsMetrics)
        {
            meters.AddOtlpExporter(otlp => settings.ApplyTo(otlp, "METRICS"));
        }

        TracerProvider? traces = null;
        if (settings.ExportsTraces)
        {
            traces = Sdk.CreateTracerProviderBuilder()
                .ConfigureServices(Configure)
                .SetResourceBuilder(resource)
                .AddSource(AdmissionSpan.SourceName)
                .AddOtlpExporter(otlp => settings.ApplyTo(otlp, "TRACES"))
                .Build();
        }

        return new WebhookTelemetry(meters.Build(), traces, prometheus);
    }

    /// <summary>Flushes what is pending to the collector, then stops.</summary>
    public void Dispose()
    {
        _traces?.Dispose();
        _meters.Dispose();
    }

    private static bool IsLeftOut(System.Diagnostics.Metrics.Instrument instrument)
        => Array.IndexOf(LeftOut, (instrument.Meter.Name, instrument.Name)) >= 0;

    private static bool IsAnotherServers(System.Diagnostics.Metrics.Instrument instrument, Meter webhookMeter, IMeterFactory? hostMeters)
        => instrument.Meter.Name == webhookMeter.Name ? !ReferenceEquals(instrument.Meter, webhookMeter)
            : instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, hostMeters);
}
