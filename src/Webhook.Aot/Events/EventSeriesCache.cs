using Webhook.Injection;

namespace Webhook.Events;

/// <summary>
/// The Events sent lately, by what makes two occurrences the same Event (regarding object, reason, message), as
/// client-go's event recorder keeps them: a repeat only counts here, and the sender patches the count later.
/// Bounded by <see cref="EventOptions.MaxSeries"/>; an entry not seen for <see cref="EventOptions.SeriesWindow"/> is forgotten.
/// </summary>
public sealed class EventSeriesCache(EventOptions options)
{
    private readonly Dictionary<Key, Entry> _entries = new();

    /// <summary>Counts a repeat of an Event already sent; false when there is none (the occurrence is a new Event).</summary>
    public bool TryCountRepeat(in WarningEvent occurrence)
    {
        if (!_entries.TryGetValue(KeyOf(occurrence), out var entry) || occurrence.ObservedAt - entry.LastObserved > options.SeriesWindow)
        {
            return false;
        }

        entry.Count++;
        if (occurrence.ObservedAt > entry.LastObserved)
        {
            entry.LastObserved = occurrence.ObservedAt;
        }

        return true;
    }

    /// <summary>Remembers an Event the API server now has under <paramref name="name"/>, with the count it has.</summary>
    public void Add(in WarningEvent occurrence, string name, int count, DateTime now)
    {
        if (_entries.Count >= options.MaxSeries)
        {
            Expire(now);
            if (_entries.Count >= options.MaxSeries)
            {
                ForgetOldest();
            }
        }

        _entries[KeyOf(occurrence)] = new Entry(occurrence, name) { Count = count, ReportedCount = count, LastObserved = occurrence.ObservedAt, LastReported = now };
    }

    /// <summary>The entries whose count grew since last reported and were reported at least an interval ago.</summary>
    public List<Entry> DueForUpdate(DateTime now)
    {
        var due = new List<Entry>();
        foreach (var entry in _entries.Values)
        {
            if (entry.Count > entry.ReportedCount && now - entry.LastReported >= options.SeriesUpdateInterval)
            {
                due.Add(entry);
            }
        }

        return due;
    }

    /// <summary>Forgets entries not seen within the window; an unreported count goes with them (the window is minutes).</summary>
    public void Expire(DateTime now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastObserved > options.SeriesWindow)
            {
                _entries.Remove(key);
            }
        }
    }

    public void Forget(Entry entry) => _entries.Remove(KeyOf(entry.First));

    private void ForgetOldest()
    {
        Key? oldest = null;
        var at = DateTime.MaxValue;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastObserved < at)
            {
                at = entry.LastObserved;
                oldest = key;
            }
        }

        if (oldest is { } found)
        {
            _entries.Remove(found);
        }
    }

    private static Key KeyOf(in WarningEvent occurrence) => new(occurrence.Regarding, occurrence.Reason, occurrence.Message);

    private readonly record struct Key(RegardingObject Regarding, WarningReason Reason, string Message);

    /// <summary>One Event as sent: its name, its first occurrence, how often it was seen and how often the API server knows of.</summary>
    public sealed class Entry(WarningEvent first, string name)
    {
        public WarningEvent First { get; } = first;

        public string Name { get; set; } = name;

        public int Count { get; set; }

        public int ReportedCount { get; set; }

        public DateTime LastObserved { get; set; }

        public DateTime LastReported { get; set; }

        public EventSeries Series => new(Count, LastObserved);
    }
}
