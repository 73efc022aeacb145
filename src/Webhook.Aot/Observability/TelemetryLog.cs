using Microsoft.Extensions.Logging;

namespace Webhook.Observability;

/// <summary>What the webhook's own telemetry does, said once at start (15xx; see <see cref="Log"/> for the others).</summary>
public static partial class TelemetryLog
{
    public static void Started(ILogger logger, TelemetrySettings settings)
    {
        foreach (var problem in settings.Problems)
        {
            SettingIgnored(logger, problem);
        }

        // Why something is off is in the problems above, or is the default: no endpoint, no OTEL_TRACES_EXPORTER=otlp.
        Exporting(logger, settings.ExportsMetrics ? "to " + settings.MetricsDestination : "off",
            settings.ExportsTraces ? "to " + settings.TracesDestination : "off");
    }

    [LoggerMessage(1501, LogLevel.Information, "OpenTelemetry: OTLP metrics {Metrics}, traces {Traces}; /metrics serves the same metrics in Prometheus text")]
    private static partial void Exporting(ILogger logger, string metrics, string traces);

    [LoggerMessage(1502, LogLevel.Warning, "OpenTelemetry: {Problem}")]
    private static partial void SettingIgnored(ILogger logger, string problem);
}
