using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The <c>OTEL_RESOURCE_ATTRIBUTES</c> entry written for the last attribute map, remembered with the map's entries:
/// the pods of one workload (one ReplicaSet, one container) get the same attributes, set from the same strings of the
/// text cache, so comparing the entries by reference tells that the next pod's entry is these bytes, and they are
/// copied instead of the map being sorted, serialized and written as JSON again. Only an entry JSON writes without
/// escapes is remembered, up to <see cref="MaxJsonLength"/> bytes and <see cref="MaxEntries"/> attributes. Reused
/// from pod to pod.
/// </summary>
public sealed class RememberedAttributes
{
    /// <summary>More than a pod without many resource annotations of its own gets (about 350 bytes, 10 attributes).</summary>
    public const int MaxJsonLength = 2048;

    public const int MaxEntries = 32;

    private readonly AttributeMap.Attribute[] _entries = new AttributeMap.Attribute[MaxEntries];
    private readonly byte[] _json = new byte[MaxJsonLength];
    private int _count = -1;
    private int _held;
    private int _jsonLength;
    private int _valueStart;
    private int _valueLength;

    /// <summary>
    /// The entry remembered for exactly <paramref name="attributes"/>' entries (the same strings, in the order they
    /// were set), copied into <paramref name="fragments"/>; false when the map is another.
    /// </summary>
    public bool TryCopy(AttributeMap attributes, FragmentBuffer fragments, out EnvEntry entry)
    {
        entry = default;
        var entries = attributes.Entries;
        if (entries.Length != _count)
        {
            return false;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var a = ref entries[i];
            ref readonly var b = ref _entries[i];
            if (!ReferenceEquals(a.Key, b.Key) || !ReferenceEquals(a.Value, b.Value) || !ReferenceEquals(a.Suffix, b.Suffix))
            {
                return false;
            }
        }

        _json.AsSpan(0, _jsonLength).CopyTo(fragments.GetSpan(_jsonLength));
        var raw = fragments.Advance(_jsonLength);
        entry = EnvEntry.FromPod(raw, new RawText(null, FragmentEnv.NameStart, SdkEnv.ResourceAttributesEnv.Length),
            new RawText(null, _valueStart, _valueLength), hasValueFrom: false, origin: -1);
        return true;
    }

    /// <summary>Takes <paramref name="attributes"/>' entries as they were set, before they are serialized (which sorts them), for <see cref="Keep"/>.</summary>
    public void Hold(AttributeMap attributes)
    {
        _count = -1;
        _held = attributes.Entries.Length;
        if (_held <= MaxEntries)
        {
            attributes.Entries.CopyTo(_entries);
        }
    }

    /// <summary>Remembers <paramref name="entry"/> (written by <see cref="FragmentEnv.Literal"/>) for the entries <see cref="Hold"/> took.</summary>
    public void Keep(in EnvEntry entry)
    {
        var raw = entry.Raw.Span;
        if (_held > MaxEntries || raw.Length > MaxJsonLength || raw.Contains((byte)'\\'))
        {
            return;
        }

        raw.CopyTo(_json);
        _jsonLength = raw.Length;
        _valueStart = FragmentEnv.NameStart + SdkEnv.ResourceAttributesEnv.Length + FragmentEnv.BetweenNameAndValue;
        _valueLength = raw.Length - _valueStart - 2;
        _count = _held;
    }
}
