using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Webhook.Observability;

/// <summary>
/// Renders what the OpenTelemetry SDK aggregated in the Prometheus text format (version 0.0.4) when /metrics is
/// scraped: monotonic sums as counters named <c>_total</c>, last values and up-down sums as gauges, explicit-bucket
/// histograms with cumulative buckets. A pull reader of the same MeterProvider that feeds OTLP, so both show the
/// same measurements; label strings are built here, at scrape time, never when a measurement is recorded.
/// </summary>
public sealed class PrometheusExporter : BaseExporter<Metric>
{
    private readonly Lock _scrape = new();
    private StringBuilder? _text;

    public PrometheusExporter() => Reader = new BaseExportingMetricReader(this);

    /// <summary>The reader to add to the MeterProvider; it collects only when <see cref="Render"/> asks.</summary>
    public MetricReader Reader { get; }

    public string Render()
    {
        lock (_scrape)
        {
            _text = new StringBuilder(8192);
            try
            {
                // Collect runs the SDK's collection on this thread and hands the batch to Export below.
                Reader.Collect();
                return _text.ToString();
            }
            finally
            {
                _text = null;
            }
        }
    }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var text = _text;
        if (text is null)
        {
            return ExportResult.Failure;
        }

        var metrics = new List<(string Name, Metric Metric)>();
        foreach (var metric in batch)
        {
            metrics.Add((PrometheusName.Of(metric), metric));
        }

        metrics.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, metric) in metrics)
        {
            Write(text, name, metric);
        }

        return ExportResult.Success;
    }

    private static void Write(StringBuilder text, string name, Metric metric)
    {
        var type = PrometheusName.TypeOf(metric.MetricType);
        if (type is null)
        {
            // Exponential histograms have no Prometheus 0.0.4 form; none of the meters read here makes one.
            return;
        }

        text.Append("# HELP ").Append(name).Append(' ').Append(Escape(metric.Description, quotes: false)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        var series = new List<(string Labels, string Lines)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point.Tags);
            series.Add((labels, Lines(name, metric.MetricType, labels, in point)));
        }

        series.Sort(static (a, b) => string.CompareOrdinal(a.Labels, b.Labels));
        foreach (var (_, lines) in series)
        {
            text.Append(lines);
        }
    }

    private static string Lines(string name, MetricType type, string labels, in MetricPoint point)
    {
        var braced = labels.Length == 0 ? "" : "{" + labels + "}";
        switch (type)
        {
            case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                return name + braced + " " + point.GetSumLong().ToString(CultureInfo.InvariantCulture) + "\n";
            case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                return name + braced + " " + Number(point.GetSumDouble()) + "\n";
            case MetricType.LongGauge:
                return name + braced + " " + point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture) + "\n";
            case MetricType.DoubleGauge:
                return name + braced + " " + Number(point.GetGaugeLastValueDouble()) + "\n";
        }

        var text = new StringBuilder(1024);
        var prefix = labels.Length == 0 ? "" : labels + ",";
        var cumulative = 0L;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            var bound = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : Number(bucket.ExplicitBound);
            text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"").Append(bound).Append("\"} ").Append(cumulative).Append('\n');
        }

        text.Append(name).Append("_sum").Append(braced).Append(' ').Append(Number(point.GetHistogramSum())).Append('\n');
        text.Append(name).Append("_count").Append(braced).Append(' ').Append(point.GetHistogramCount()).Append('\n');
        return text.ToString();
    }

    private static string Labels(ReadOnlyTagCollection tags)
    {
        if (tags.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var (key, value) in tags)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(PrometheusName.Sanitize(key)).Append("=\"")
                .Append(Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", quotes: true)).Append('"');
        }

        return text.ToString();
    }

    /// <summary>Backslash and newline escaped everywhere, double quotes too inside a label value (text format 0.0.4).</summary>
    private static string Escape(string value, bool quotes)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return quotes ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
