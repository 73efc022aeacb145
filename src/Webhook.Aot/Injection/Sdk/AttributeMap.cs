using Webhook.Injection.Text;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The resource attribute map R of the operator: set-or-replace by key, written as <c>key=value</c> pairs in
/// ordinal key order. A list, not a sorted dictionary: it holds about fifteen keys and is reused from pod to pod.
/// </summary>
public sealed class AttributeMap
{
    private readonly List<KeyValuePair<string, string>> _entries = new();

    public int Count => _entries.Count;

    public string this[string key]
    {
        set
        {
            var index = IndexOf(key);
            if (index >= 0)
            {
                _entries[index] = new(key, value);
            }
            else
            {
                _entries.Add(new(key, value));
            }
        }
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : "";
        return index >= 0;
    }

    public void Clear() => _entries.Clear();

    /// <summary><c>key=value</c> pairs in ordinal key order joined by commas, values unescaped (as the operator writes them).</summary>
    public string Serialize()
    {
        _entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new TextBuilder(stackalloc char[TextCache.MaxLength]);
        for (var i = 0; i < _entries.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(_entries[i].Key);
            text.Append('=');
            text.Append(_entries[i].Value);
        }

        return text.ToCachedString();
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
