namespace Webhook.Injection.Selection;

/// <summary>
/// Annotations asked for by key many times per pod (each language's inject, container-names and platform keys, the
/// marker, the <c>resource.opentelemetry.io/*</c> keys: some twenty lookups for a pod of one language), kept as a short
/// list of pairs compared key by key. A pod keeps only the annotations injection reads, usually one or two, so this
/// costs less than hashing a key of forty characters for each lookup through a dictionary's comparer (shared generic
/// code and an interface call compiled by NativeAOT). Past <see cref="ScanLimit"/> pairs the dictionary is asked
/// instead: a pod with thousands of annotations stays linear. Reused from pod to pod.
/// </summary>
public sealed class AnnotationScan
{
    /// <summary>More annotations than a pod or namespace usually has for injection to read.</summary>
    public const int ScanLimit = 16;

    private readonly List<KeyValuePair<string, string>> _pairs = new(ScanLimit);
    private Dictionary<string, string>? _large;

    /// <summary>Starts over with <paramref name="annotations"/>, which must not change while this is used.</summary>
    public void Reset(Dictionary<string, string> annotations)
    {
        _pairs.Clear();
        if (annotations.Count > ScanLimit)
        {
            _large = annotations;
            return;
        }

        _large = null;
        foreach (var pair in annotations)
        {
            _pairs.Add(pair);
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        if (_large is not null)
        {
            return _large.TryGetValue(key, out var value) ? value : null;
        }

        return Find(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pairs), key);
    }

    /// <summary>The value of <paramref name="key"/> among <paramref name="pairs"/>, or null: a scan, for a few pairs.</summary>
    public static string? Find(ReadOnlySpan<KeyValuePair<string, string>> pairs, string key)
    {
        foreach (ref readonly var pair in pairs)
        {
            // Keys of a pod differ in length more often than not: that answers without comparing characters.
            if (pair.Key.Length == key.Length && string.Equals(pair.Key, key))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
