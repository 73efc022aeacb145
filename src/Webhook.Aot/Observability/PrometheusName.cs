using System.Text;
using OpenTelemetry.Metrics;

namespace Webhook.Observability;

/// <summary>
/// OpenTelemetry metric names as Prometheus names, the way OpenTelemetry's Prometheus exporters write them:
/// characters Prometheus does not take become '_', the unit becomes a suffix (<c>s</c> → <c>_seconds</c>,
/// <c>By</c> → <c>_bytes</c>; annotations in braces are dropped) unless the name already ends with it, and counters end
/// in <c>_total</c>. So <c>dotnet.gc.collections</c> is <c>dotnet_gc_collections_total</c> and
/// <c>otel_webhook_admission_duration_seconds</c> stays as it is.
/// </summary>
public static class PrometheusName
{
    public static string Of(Metric metric)
    {
        var name = Sanitize(metric.Name);
        var unit = UnitSuffix(metric.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return TypeOf(metric.MetricType) == "counter" && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>The Prometheus type of a kind of metric, or null for one the text format cannot carry.</summary>
    public static string? TypeOf(MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.DoubleSum => "counter",
        MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic or MetricType.LongGauge or MetricType.DoubleGauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => null,
    };

    /// <summary>A metric or label name in Prometheus' alphabet: letters, digits and '_' (and ':' in metric names, which we never make).</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ when unit.StartsWith('{') => "",
        _ => Sanitize(unit),
    };
}
