using System.Runtime.CompilerServices;
using Webhook.Injection.Text;

namespace Webhook.Injection.Pods;

/// <summary>
/// One env var: either as the pod wrote it (kept byte for byte while untouched) or added by injection. A value:
/// a list of entries is compared with the pod's own list through <see cref="Origin"/>, not by identity.
/// </summary>
/// <remarks>
/// A pod's entry keeps its name and value where they stand in <see cref="Raw"/> (the request's bytes) and decodes
/// them only when asked: <see cref="NameIs"/> compares the bytes, so a pod's thousands of entries cost no string.
/// A name or value written with JSON escapes is decoded when read (rare; its escapes must decode).
/// </remarks>
public readonly record struct EnvEntry
{
    private readonly string? _name;
    private readonly string? _text;
    private readonly int _nameStart;
    private readonly int _nameLength;
    private readonly int _valueStart;
    private readonly int _valueLength;
    private readonly Kind _kind;

    private EnvEntry(string? name, string? text, ReadOnlyMemory<byte> raw, Kind kind, int origin, in RawText nameInRaw = default, in RawText valueInRaw = default)
    {
        _name = name;
        _text = text;
        Raw = raw;
        _kind = kind;
        Origin = origin;
        _nameStart = nameInRaw.Start;
        _nameLength = nameInRaw.Length;
        _valueStart = valueInRaw.Start;
        _valueLength = valueInRaw.Length;
    }

    private EnvEntry(ReadOnlyMemory<byte> raw, Kind kind, int origin, int nameStart, int nameLength, int valueStart, int valueLength)
    {
        Raw = raw;
        _kind = kind;
        Origin = origin;
        _nameStart = nameStart;
        _nameLength = nameLength;
        _valueStart = valueStart;
        _valueLength = valueLength;
    }

    [Flags]
    private enum Kind : byte
    {
        None = 0,
        HasValueFrom = 1,
        Modified = 2,
        /// <summary>An added <c>valueFrom.fieldRef</c> entry: the text is its field path.</summary>
        FieldRef = 4,
        /// <summary>A pod's entry whose value is the UTF-8 at <c>_valueStart</c> in <see cref="Raw"/>.</summary>
        ValueInRaw = 8,
        /// <summary>A pod's entry whose name in <see cref="Raw"/> is ASCII: one byte per character.</summary>
        AsciiNameInRaw = 16,
    }

    public string Name => _name ?? TextCache.GetUtf8(NameUtf8);

    /// <summary>The literal value; null when the entry has none.</summary>
    public string? Value => (_kind & Kind.ValueInRaw) != 0 ? TextCache.GetUtf8(Raw.Span.Slice(_valueStart, _valueLength))
        : (_kind & Kind.FieldRef) != 0 ? null : _text;

    /// <summary>For an added <c>valueFrom.fieldRef</c> entry: the field path.</summary>
    public string? FieldPath => (_kind & Kind.FieldRef) != 0 ? _text : null;

    /// <summary>The original JSON of the entry, or the JSON of an entry copied from an Instrumentation; empty for simple added entries.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    public bool HasValueFrom => (_kind & Kind.HasValueFrom) != 0;

    /// <summary>Where the entry stood in the pod's own env list; -1 for an entry injection added.</summary>
    public int Origin { get; }

    /// <summary>True once injection changed the value of an entry that came with the pod.</summary>
    public bool IsModified => (_kind & Kind.Modified) != 0;

    /// <summary>The name's UTF-8 bytes in <see cref="Raw"/>; only for a pod's entry whose name had no escapes.</summary>
    private ReadOnlySpan<byte> NameUtf8 => Raw.Span.Slice(_nameStart, _nameLength);

    /// <summary>Whether the entry is named <paramref name="name"/>; a pod's name is compared as the bytes it came in.</summary>
    /// <remarks>
    /// Inlined where it is called (a search of an env list), as far as the length: most names differ in length, and
    /// a name held as a string (added entries, escaped names) or ASCII in the bytes tells without reaching for the
    /// bytes (NativeAOT's size-preferring code generation called it).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NameIs(string name)
        => (_name is { } own ? own.Length == name.Length : (_kind & Kind.AsciiNameInRaw) == 0 || _nameLength == name.Length) && NameEquals(name);

    private bool NameEquals(string name)
    {
        if (_name is not null)
        {
            return _name == name;
        }

        return (_kind & Kind.AsciiNameInRaw) != 0 ? System.Text.Ascii.Equals(NameUtf8, name) : Utf8Text.Equals(NameUtf8, name);
    }

    /// <summary>
    /// A pod's entry: its JSON <paramref name="raw"/> (valid UTF-8), its name and value as they stand in it (a value of
    /// null: the entry has no literal value); <paramref name="isAscii"/> when <paramref name="raw"/> is known to be all ASCII.
    /// </summary>
    public static EnvEntry FromPod(ReadOnlyMemory<byte> raw, in RawText name, in RawText? value, bool hasValueFrom, int origin, bool isAscii = false)
    {
        var kind = hasValueFrom ? Kind.HasValueFrom : Kind.None;
        if (value is { Decoded: null })
        {
            kind |= Kind.ValueInRaw;
        }

        if (name.Decoded is null && (isAscii || System.Text.Ascii.IsValid(raw.Span.Slice(name.Start, name.Length))))
        {
            kind |= Kind.AsciiNameInRaw;
        }

        return new EnvEntry(name.Decoded, value?.Decoded, raw, kind, origin, name, value.GetValueOrDefault());
    }

    /// <summary>
    /// A pod's entry whose JSON <paramref name="raw"/> is all ASCII, with its name and (a length of -1: no) value as
    /// they stand in it, without escapes: nothing left to check.
    /// </summary>
    public static EnvEntry FromAsciiPod(ReadOnlyMemory<byte> raw, int nameStart, int nameLength, int valueStart, int valueLength, int origin)
        => valueLength < 0
            ? new EnvEntry(raw, Kind.AsciiNameInRaw, origin, nameStart, nameLength, 0, 0)
            : new EnvEntry(raw, Kind.AsciiNameInRaw | Kind.ValueInRaw, origin, nameStart, nameLength, valueStart, valueLength);

    public static EnvEntry Literal(string name, string value) => new(name, value, default, Kind.None, -1);

    public static EnvEntry FieldRef(string name, string fieldPath) => new(name, fieldPath, default, Kind.FieldRef | Kind.HasValueFrom, -1);

    /// <summary>An entry copied from an Instrumentation's env (it may use any valueFrom form).</summary>
    public static EnvEntry Copied(string name, string? value, bool hasValueFrom, ReadOnlyMemory<byte> raw)
        => new(name, value, raw, hasValueFrom ? Kind.HasValueFrom : Kind.None, -1);

    /// <summary>The same entry with another value; the rest of its JSON stays as written.</summary>
    public EnvEntry WithValue(string value)
    {
        if ((_kind & Kind.FieldRef) != 0)
        {
            throw new InvalidOperationException("an added valueFrom.fieldRef env entry (" + Name + ") has no literal value to change");
        }

        return new EnvEntry(_name, value, Raw, (_kind & ~Kind.ValueInRaw) | Kind.Modified, Origin,
            new RawText(null, _nameStart, _nameLength), default);
    }
}
