using System.Collections;
using System.Globalization;
using OpenTelemetry.Exporter;

namespace Webhook.Observability;

/// <summary>
/// The standard <c>OTEL_*</c> environment variables the webhook was started with, and what they switch on. The SDK
/// reads them all itself (endpoint, protocol, headers, timeout, export interval, sampler, resource attributes); this
/// type decides only whether anything is exported: metrics when an OTLP endpoint is set (general or for metrics) and
/// <c>OTEL_METRICS_EXPORTER</c> does not say <c>none</c>; traces when <c>OTEL_TRACES_EXPORTER</c> says <c>otlp</c> and a
/// traces endpoint is set. Without an endpoint nothing is exported and no exporter is started. The SDK's
/// <c>AddOtlpExporter</c> reads the general <c>OTEL_EXPORTER_OTLP_*</c> variables only; the signal-specific ones
/// (<c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>, <c>…_TRACES_PROTOCOL</c>, …) are applied by <see cref="ApplyTo"/>.
/// </summary>
public sealed class TelemetrySettings
{
    public const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public const string TracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string MetricsExporter = "OTEL_METRICS_EXPORTER";
    public const string TracesExporter = "OTEL_TRACES_EXPORTER";
    public const string SdkDisabled = "OTEL_SDK_DISABLED";

    public static TelemetrySettings None { get; } = new(new Dictionary<string, string>());

    public TelemetrySettings(IReadOnlyDictionary<string, string> variables)
    {
        Variables = variables;
        var disabled = string.Equals(Value(SdkDisabled), "true", StringComparison.OrdinalIgnoreCase);
        var problems = new List<string>();
        ExportsMetrics = !disabled && Value(Endpoint, MetricsEndpoint) is not null
            && Asks(MetricsExporter, whenUnset: "otlp", understood: ["otlp", "prometheus", "none"], problems);
        var tracesAsked = Asks(TracesExporter, whenUnset: "none", understood: ["otlp", "none"], problems);
        ExportsTraces = !disabled && tracesAsked && Value(Endpoint, TracesEndpoint) is not null;
        if (!disabled && tracesAsked && !ExportsTraces)
        {
            problems.Add(TracesExporter + "=otlp but neither " + Endpoint + " nor " + TracesEndpoint + " is set; traces are off until one is");
        }

        foreach (var signal in (string[])["METRICS", "TRACES"])
        {
            if (Value("OTEL_EXPORTER_OTLP_" + signal + "_ENDPOINT") is { } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            {
                problems.Add("OTEL_EXPORTER_OTLP_" + signal + "_ENDPOINT=" + endpoint + " is not an absolute URL (e.g. http://collector:4318/v1/" + signal.ToLowerInvariant() + "); ignored");
            }

            if (Value("OTEL_EXPORTER_OTLP_" + signal + "_PROTOCOL") is { } protocol && protocol is not ("grpc" or "http/protobuf"))
            {
                problems.Add("OTEL_EXPORTER_OTLP_" + signal + "_PROTOCOL=" + protocol + " is not supported; use grpc or http/protobuf (taken as http/protobuf)");
            }
        }

        Problems = problems;
    }

    /// <summary>Every <c>OTEL_*</c> variable, handed to the SDK as its configuration.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    public bool ExportsMetrics { get; }

    public bool ExportsTraces { get; }

    /// <summary>Settings that ask for something this binary does not do, each saying what it does instead.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Where metrics go, for the start-up log (the SDK adds <c>/v1/metrics</c> to the general endpoint over HTTP).</summary>
    public string? MetricsDestination => Value(MetricsEndpoint, Endpoint);

    public string? TracesDestination => Value(TracesEndpoint, Endpoint);

    /// <summary>
    /// The signal-specific settings (<paramref name="signal"/> is METRICS or TRACES) over the general ones the SDK
    /// read: endpoint (used as given, as the specification says, with no <c>/v1/…</c> added), protocol, headers, timeout.
    /// </summary>
    public void ApplyTo(OtlpExporterOptions options, string signal)
    {
        var prefix = "OTEL_EXPORTER_OTLP_" + signal + "_";
        if (Value(prefix + "ENDPOINT") is { } endpoint && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            options.Endpoint = uri;
        }

        if (Value(prefix + "PROTOCOL") is { } protocol)
        {
            options.Protocol = protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        }

        if (Value(prefix + "HEADERS") is { } headers)
        {
            options.Headers = headers;
        }

        if (Value(prefix + "TIMEOUT") is { } timeout && int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            options.TimeoutMilliseconds = milliseconds;
        }
    }

    /// <summary>The <c>OTEL_*</c> variables of this process.</summary>
    public static TelemetrySettings FromEnvironment(IDictionary environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith("OTEL_", StringComparison.Ordinal) && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new TelemetrySettings(variables);
    }

    private string? Value(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>Whether the exporter list (comma-separated, as the specification has it) names otlp; other names are reported.</summary>
    private bool Asks(string variable, string whenUnset, string[] understood, List<string> problems)
    {
        var asksOtlp = false;
        foreach (var part in (Value(variable) ?? whenUnset).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.ToLowerInvariant();
            asksOtlp |= name == "otlp";
            if (!understood.Contains(name))
            {
                problems.Add(variable + "=" + part + " is not supported; use " + string.Join(" or ", understood) + " (only OTLP is exported"
                    + (variable == MetricsExporter ? ", and /metrics always serves Prometheus text)" : ")"));
            }
        }

        return asksOtlp;
    }
}
