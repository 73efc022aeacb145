using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Text;

namespace Webhook.Injection.Env;

/// <summary>
/// An env entry written into the fragments from texts (<see cref="FragmentEnv.Literal"/>), remembered by the objects
/// it was made from, compared by reference: the pods of a workload bring the same container names from the text
/// cache, so the entry a pod needs (the agent's options naming the container) is usually the one written for the pod
/// before, and its bytes are copied instead of being composed, checked for escapes and written again. The entry must
/// depend on nothing but its keys, which must not change. Only an entry without escapes, up to
/// <see cref="MaxJsonLength"/> bytes, is remembered. Reused from pod to pod.
/// </summary>
public sealed class RememberedEntry
{
    public const int MaxJsonLength = 1024;

    private readonly byte[] _json = new byte[MaxJsonLength];
    private object? _first;
    private object? _second;
    private int _jsonLength;
    private int _nameLength;

    /// <summary>The entry remembered for exactly these two objects, copied into <paramref name="fragments"/>; false for others.</summary>
    public bool TryCopy(object first, object? second, FragmentBuffer fragments, out EnvEntry entry)
    {
        entry = default;
        if (!ReferenceEquals(first, _first) || !ReferenceEquals(second, _second))
        {
            return false;
        }

        _json.AsSpan(0, _jsonLength).CopyTo(fragments.GetSpan(_jsonLength));
        var raw = fragments.Advance(_jsonLength);
        var valueStart = FragmentEnv.NameStart + _nameLength + FragmentEnv.BetweenNameAndValue;
        entry = EnvEntry.FromPod(raw, new RawText(null, FragmentEnv.NameStart, _nameLength), new RawText(null, valueStart, _jsonLength - valueStart - 2),
            hasValueFrom: false, origin: -1);
        return true;
    }

    /// <summary>
    /// Remembers <paramref name="entry"/>, named <paramref name="name"/> and written by <see cref="FragmentEnv.Literal"/>, for
    /// these two objects (forgets the last one when it cannot be remembered); returns it.
    /// </summary>
    public EnvEntry Remember(object first, object? second, string name, in EnvEntry entry)
    {
        _first = null;
        _second = null;
        var raw = entry.Raw.Span;
        if (raw.Length <= MaxJsonLength && !raw.Contains((byte)'\\'))
        {
            raw.CopyTo(_json);
            _jsonLength = raw.Length;
            _nameLength = name.Length;
            _first = first;
            _second = second;
        }

        return entry;
    }
}
