using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Webhook.Observability;

/// <summary>
/// Renders one Meter in the Prometheus text format (version 0.0.4): counters as <c>_total</c>, gauges, histograms
/// with cumulative buckets. Collected through a <see cref="MeterListener"/>, so the instruments stay standard
/// System.Diagnostics.Metrics that any other listener can read too.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] s_bounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);

    public PrometheusExporter(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                _instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(2048);
        foreach (var (name, instrument) in _instruments.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var type = instrument switch
            {
                Counter<long> or ObservableCounter<long> => "counter",
                Histogram<double> => "histogram",
                _ => "gauge",
            };
            var metricName = type == "counter" ? name + "_total" : name;
            text.Append("# HELP ").Append(metricName).Append(' ').Append(instrument.Description).Append('\n');
            text.Append("# TYPE ").Append(metricName).Append(' ').Append(type).Append('\n');
            foreach (var ((_, labels), series) in _series.Where(pair => ReferenceEquals(pair.Key.Instrument, instrument)).OrderBy(pair => pair.Key.Labels, StringComparer.Ordinal))
            {
                series.Write(text, metricName, labels, type == "histogram");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrAdd((instrument, Labels(tags)), static _ => new Series(s_bounds.Length));
        var observable = instrument.IsObservable;
        lock (series)
        {
            if (instrument is Histogram<double>)
            {
                series.Observe(value, s_bounds);
            }
            else if (observable)
            {
                // Observable instruments report their current total or level on each collection.
                series.Value = value;
            }
            else
            {
                series.Value += value;
            }
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var (key, value) in tags)
        {
            builder.Append(builder.Length == 0 ? "" : ",").Append(key).Append("=\"")
                .Append(Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>One labelled series: a value (counter, gauge) or buckets, sum and count (histogram).</summary>
    private sealed class Series(int buckets)
    {
        private readonly long[] _buckets = new long[buckets];
        private double _sum;
        private long _count;

        public double Value { get; set; }

        public void Observe(double value, double[] bounds)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    _buckets[i]++;
                }
            }

            _sum += value;
            _count++;
        }

        public void Write(StringBuilder text, string name, string labels, bool histogram)
        {
            lock (this)
            {
                if (!histogram)
                {
                    text.Append(name).Append(labels.Length == 0 ? "" : "{" + labels + "}").Append(' ').Append(Number(Value)).Append('\n');
                    return;
                }

                var prefix = labels.Length == 0 ? "" : labels + ",";
                for (var i = 0; i < _buckets.Length; i++)
                {
                    text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"").Append(Number(s_bounds[i])).Append("\"} ").Append(_buckets[i]).Append('\n');
                }

                text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(_count).Append('\n');
                text.Append(name).Append("_sum").Append(labels.Length == 0 ? "" : "{" + labels + "}").Append(' ').Append(Number(_sum)).Append('\n');
                text.Append(name).Append("_count").Append(labels.Length == 0 ? "" : "{" + labels + "}").Append(' ').Append(_count).Append('\n');
            }
        }

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
