using System.Diagnostics.Metrics;

namespace Webhook.Observability;

/// <summary>
/// Counts by one or two label values, kept in fields and read by an observable instrument when metrics are collected.
/// Adding costs a search through the few label sets seen so far and one interlocked add; <c>Counter.Add</c> with tags
/// would run the OpenTelemetry SDK's aggregation (hashing the tags, finding the series) on every admission instead.
/// A label set appears on its first add, as a counter's series does. Label values come from fixed tables (endpoints,
/// outcomes, languages, warning reasons); past <see cref="MaxLabelSets"/> the rest are counted in one overflow set,
/// labelled as the SDK labels its own (<c>otel.metric.overflow="true"</c>).
/// </summary>
public sealed class LabelledCounts(string firstLabel, string? secondLabel = null)
{
    /// <summary>As many label sets as the SDK keeps per metric stream (<see cref="WebhookTelemetry.MaxLabelSetsPerMetric"/>).</summary>
    public const int MaxLabelSets = WebhookTelemetry.MaxLabelSetsPerMetric;

    private const string OverflowLabel = "otel.metric.overflow";

    private readonly Lock _adding = new();
    private Cell[] _cells = [];

    /// <summary>Adds <paramref name="delta"/> (negative for an up-down count) to the count of these label values.</summary>
    public void Add(long delta, string first, string? second = null)
    {
        var cells = Volatile.Read(ref _cells);
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Is(first, second))
            {
                Interlocked.Add(ref cells[i].Value, delta);
                return;
            }
        }

        Interlocked.Add(ref CellOf(first, second).Value, delta);
    }

    /// <summary>The current count of every label set seen, for an observable instrument's callback.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        var cells = Volatile.Read(ref _cells);
        var measurements = new Measurement<long>[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            measurements[i] = cells[i].Measure(firstLabel, secondLabel);
        }

        return measurements;
    }

    /// <summary>The cell of these label values, added under the lock when it is new (the array is copied, never changed in place).</summary>
    private Cell CellOf(string first, string? second)
    {
        lock (_adding)
        {
            var cells = _cells;
            foreach (var cell in cells)
            {
                if (cell.Is(first, second))
                {
                    return cell;
                }
            }

            if (cells.Length >= MaxLabelSets)
            {
                return cells[^1];
            }

            var added = cells.Length == MaxLabelSets - 1 ? Cell.Overflow() : new Cell(first, second);
            Volatile.Write(ref _cells, [.. cells, added]);
            return added;
        }
    }

    private sealed class Cell(string? first, string? second)
    {
        /// <summary>The count; a field, so that it is added to in place.</summary>
        public long Value;

        /// <summary>The last cell a full set gets: every label set past the limit is counted here.</summary>
        public static Cell Overflow() => new(null, null);

        public bool Is(string firstValue, string? secondValue) =>
            string.Equals(first, firstValue, StringComparison.Ordinal) && string.Equals(second, secondValue, StringComparison.Ordinal);

        public Measurement<long> Measure(string firstLabel, string? secondLabel)
        {
            var value = Interlocked.Read(ref Value);
            if (first is null)
            {
                return new Measurement<long>(value, new KeyValuePair<string, object?>(OverflowLabel, "true"));
            }

            return secondLabel is null
                ? new Measurement<long>(value, new KeyValuePair<string, object?>(firstLabel, first))
                : new Measurement<long>(value, new KeyValuePair<string, object?>(firstLabel, first), new KeyValuePair<string, object?>(secondLabel, second));
        }
    }
}
