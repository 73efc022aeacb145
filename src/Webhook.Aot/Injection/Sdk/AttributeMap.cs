using System.Runtime.InteropServices;
using Webhook.Injection.Text;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The resource attribute map R of the operator: set-or-replace by key, written as <c>key=value</c> pairs in
/// ordinal key order. A list, not a sorted dictionary: it usually holds about fifteen keys and is reused from pod to
/// pod. A pod's annotations can add any number of keys, so past <see cref="ScanLimit"/> keys an index finds them
/// (linear in the keys instead of quadratic).
/// </summary>
public sealed class AttributeMap
{
    /// <summary>More keys than a pod gets without <c>resource.opentelemetry.io/*</c> annotations of its own.</summary>
    private const int ScanLimit = 32;

    private readonly List<Attribute> _entries = new();
    private Dictionary<string, int>? _index;

    public int Count => _entries.Count;

    public string this[string key]
    {
        set => Set(key, value, "");
    }

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="value"/> followed by <paramref name="suffix"/>, kept apart and
    /// written one after the other: a value that differs per container only at its end (<c>service.instance.id</c>
    /// ends in the container's name) does not become a string of its own for each container.
    /// </summary>
    public void Set(string key, string value, string suffix)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            _entries[index] = new(key, value, suffix);
            return;
        }

        Add(key, value, suffix);
    }

    /// <summary><see cref="Set"/> for a key the caller knows is not in the map yet: added without looking for it.</summary>
    public void Add(string key, string value, string suffix = "")
    {
        _entries.Add(new(key, value, suffix));
        if (_index is not null)
        {
            _index[key] = _entries.Count - 1;
        }
        else if (_entries.Count > ScanLimit)
        {
            Reindex();
        }
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string value)
    {
        var index = IndexOf(key);
        value = index < 0 ? "" : _entries[index].Suffix.Length == 0 ? _entries[index].Value : TextCache.Concat(_entries[index].Value, _entries[index].Suffix);
        return index >= 0;
    }

    public void Clear()
    {
        _entries.Clear();
        _index = null;
    }

    /// <summary><c>key=value</c> pairs in ordinal key order joined by commas, values unescaped (as the operator writes them).</summary>
    public string Serialize()
    {
        var text = new TextBuilder(stackalloc char[TextCache.MaxLength]);
        SerializeTo(ref text);
        return text.ToCachedString();
    }

    /// <summary>Appends what <see cref="Serialize"/> returns to <paramref name="text"/>, without making it a string.</summary>
    public void SerializeTo(scoped ref TextBuilder text)
    {
        SortByKey(CollectionsMarshal.AsSpan(_entries));
        if (_index is not null)
        {
            Reindex();
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(_entries[i].Key);
            text.Append('=');
            text.Append(_entries[i].Value);
            text.Append(_entries[i].Suffix);
        }
    }

    /// <summary>
    /// Ordinal key order by insertion: about fifteen distinct keys, mostly in order already (the layers set them in a
    /// fixed order), where a general sort through a comparison delegate cost more than the rest of the serialization.
    /// </summary>
    private static void SortByKey(Span<Attribute> entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            var entry = entries[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(entries[j].Key, entry.Key) > 0)
            {
                entries[j + 1] = entries[j];
                j--;
            }

            entries[j + 1] = entry;
        }
    }

    private void Reindex()
    {
        _index ??= new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
        _index.Clear();
        for (var i = 0; i < _entries.Count; i++)
        {
            _index[_entries[i].Key] = i;
        }
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The entries in the order they were set (until <see cref="SerializeTo"/> sorts them).</summary>
    internal ReadOnlySpan<Attribute> Entries => CollectionsMarshal.AsSpan(_entries);

    internal readonly record struct Attribute(string Key, string Value, string Suffix);
}
