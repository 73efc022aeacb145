using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Webhook.Injection.Text;

/// <summary>
/// A forward-only reader of one JSON document held whole in memory: the part of <see cref="Utf8JsonReader"/> the
/// admission path uses (the envelope, the precheck and the pod reader), with the same tokens, positions and depth,
/// and about half the work per token. It accepts exactly what <see cref="Utf8JsonReader"/> accepts with default
/// options and a maximum depth: the same grammar, checked as it goes, on every byte it passes, skipped subtrees
/// included. When the JSON is not valid it replays the document with <see cref="Utf8JsonReader"/> and throws that
/// reader's <see cref="JsonException"/>, so a refusal says what it always said. Strings written with escapes are
/// compared and decoded by a <see cref="Utf8JsonReader"/> over the string alone (rare, and the same answers).
/// </summary>
public ref struct JsonScanner
{
    /// <summary>The deepest nesting a scanner can follow: 512 levels, as deep as any document the webhook reads.</summary>
    public const int DepthLimit = 512;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private int _consumed;
    private int _tokenStart;
    private int _valueStart;
    private int _valueLength;
    private int _depth;
    private bool _inObject;
    private bool _escaped;
    private JsonTokenType _token;
    private ObjectLevels _levels;

    /// <param name="json">The whole document.</param>
    /// <param name="maxDepth">As <see cref="JsonReaderOptions.MaxDepth"/>: the deepest nesting accepted, at most <see cref="DepthLimit"/>.</param>
    public JsonScanner(ReadOnlySpan<byte> json, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, DepthLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        _json = json;
        _maxDepth = maxDepth;
    }

    public readonly JsonTokenType TokenType => _token;

    /// <summary>The raw bytes of a string or property name (between the quotes, escapes as written), number or literal.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _json.Slice(_valueStart, _valueLength);

    /// <summary>Whether the current string or property name holds a backslash escape.</summary>
    public readonly bool ValueIsEscaped => _escaped;

    /// <summary>Where the current token starts (the opening quote of a string or property name).</summary>
    public readonly long TokenStartIndex => _tokenStart;

    /// <summary>The bytes read so far: just past the current token (for a property name, past its colon).</summary>
    public readonly long BytesConsumed => _consumed;

    /// <summary>As <see cref="Utf8JsonReader.CurrentDepth"/>: a container's start and end stand at the depth that holds them.</summary>
    public readonly int CurrentDepth => _token is JsonTokenType.StartObject or JsonTokenType.StartArray ? _depth - 1 : _depth;

    /// <summary>Moves to the next token; false once the document's value has been read and only whitespace follows it.</summary>
    public bool Read()
    {
        var json = _json;
        var at = SkipWhitespace(json, _consumed);
        if (at >= json.Length)
        {
            // The end of the data is only right after the whole document's value.
            if (_depth == 0 && _token != JsonTokenType.None)
            {
                return false;
            }

            ThrowInvalid();
        }

        var next = json[at];
        switch (_token)
        {
            case JsonTokenType.None:
            case JsonTokenType.PropertyName:
                ReadValue(at, next);
                return true;
            case JsonTokenType.StartObject:
                if (next == (byte)'}')
                {
                    EndContainer(at);
                }
                else
                {
                    ReadPropertyName(at, next);
                }

                return true;
            case JsonTokenType.StartArray:
                if (next == (byte)']')
                {
                    EndContainer(at);
                }
                else
                {
                    ReadValue(at, next);
                }

                return true;
            default:
                return ReadAfterValue(at, next);
        }
    }

    /// <summary>
    /// As <see cref="Utf8JsonReader.Skip"/>: from a property name, moves to its value; from a container's start, moves
    /// to its end (checking everything in between); on any other token, stays.
    /// </summary>
    public void Skip()
    {
        if (_token == JsonTokenType.PropertyName)
        {
            Read();
        }

        if (_token is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            SkipContainer();
        }
    }

    /// <summary>
    /// At an object's start: when the object is exactly <c>{"FIRST":"…"}</c> or <c>{"FIRST":"…","SECOND":"…"}</c>, written
    /// without whitespace or escapes (how the API server writes most env entries), reads it whole, checked as
    /// <see cref="Read"/> checks it, and stands at its end with the strings' places (between the quotes); a second
    /// string that is absent has a length of -1. Any other object: false, and the scanner stays where it was.
    /// </summary>
    /// <remarks>Inlined into its caller (one, for every env entry), where the keys are constants: their compares unrolled.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadPlainStrings(ReadOnlySpan<byte> firstKey, ReadOnlySpan<byte> secondKey, out int firstStart, out int firstLength,
        out int secondStart, out int secondLength)
    {
        firstStart = firstLength = secondStart = 0;
        secondLength = -1;
        var json = _json;
        var at = _consumed;
        if (_token != JsonTokenType.StartObject || !PlainKey(json, ref at, firstKey) || !PlainString(json, ref at, out firstStart, out firstLength))
        {
            return false;
        }

        if (at < json.Length && json[at] == (byte)',')
        {
            at++;
            if (!PlainKey(json, ref at, secondKey) || !PlainString(json, ref at, out secondStart, out secondLength))
            {
                secondLength = -1;
                return false;
            }
        }

        if (at >= json.Length || json[at] != (byte)'}')
        {
            return false;
        }

        EndContainer(at);
        return true;
    }

    /// <summary>Moves past <c>"KEY":</c> at <paramref name="at"/>, when that is what stands there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PlainKey(ReadOnlySpan<byte> json, ref int at, ReadOnlySpan<byte> key)
    {
        var end = at + key.Length + 3;
        if (end > json.Length || json[at] != (byte)'"' || !json.Slice(at + 1, key.Length).SequenceEqual(key)
            || json[end - 2] != (byte)'"' || json[end - 1] != (byte)':')
        {
            return false;
        }

        at = end;
        return true;
    }

    /// <summary>Moves past a string without escapes at <paramref name="at"/>, giving its content's place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PlainString(ReadOnlySpan<byte> json, ref int at, out int start, out int length)
    {
        start = at + 1;
        length = 0;
        if (at >= json.Length || json[at] != (byte)'"')
        {
            return false;
        }

        var end = StringEnd(json, at, out var escaped);
        if (end < 0 || escaped)
        {
            return false;
        }

        length = end - start - 1;
        at = end;
        return true;
    }

    /// <summary>As <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>: the unescaped string or name against <paramref name="utf8"/>.</summary>
    /// <remarks>
    /// Inlined: the readers compare a name with several literals in a row, and in line each comparison is a length
    /// check and a few word compares; NativeAOT's size-preferring code generation otherwise called it from the longest
    /// of them (a container's fields), and the comparison from there.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8)
    {
        RequireText();
        return _escaped ? EscapedTextEquals(utf8) : ValueSpan.SequenceEqual(utf8);
    }

    // Out of line: the Utf8JsonReader it builds is a 192-byte local that every caller inlining ValueTextEquals would
    // otherwise clear on each comparison (NativeAOT calls a memset for it), escaped or not.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly bool EscapedTextEquals(ReadOnlySpan<byte> utf8)
    {
        var text = TextReader();
        return text.ValueTextEquals(utf8);
    }

    /// <summary>As <see cref="Utf8JsonReader.CopyString(Span{char})"/>: the unescaped text into <paramref name="destination"/>; throws <see cref="InvalidOperationException"/> for text that is not UTF-8.</summary>
    public readonly int CopyString(Span<char> destination)
    {
        RequireText();
        if (_escaped)
        {
            return EscapedCopyString(destination);
        }

        var status = Utf8.ToUtf16(ValueSpan, destination, out _, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.DestinationTooSmall)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }

        if (status != OperationStatus.Done)
        {
            throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
        }

        return written;
    }

    /// <summary>As <see cref="Utf8JsonReader.GetString"/> for a string or property name (a long annotation's value: decoded in one pass).</summary>
    public readonly string GetString()
    {
        RequireText();
        if (_escaped)
        {
            return EscapedGetString();
        }

        try
        {
            return s_strictUtf8.GetString(ValueSpan);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.", e);
        }
    }

    // Inlined, its throw kept out of line: NativeAOT's size-preferring code generation called it on every string read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void RequireText()
    {
        if (_token is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            ThrowNotText(_token);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotText(JsonTokenType token)
        => throw new InvalidOperationException("Cannot get the value of a token type '" + token + "' as a string.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly int EscapedCopyString(Span<char> destination)
    {
        var text = TextReader();
        return text.CopyString(destination);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly string EscapedGetString()
    {
        var text = TextReader();
        return text.GetString()!;
    }

    /// <summary>A <see cref="Utf8JsonReader"/> standing on the current string alone (quotes included), for its unescaping.</summary>
    private readonly Utf8JsonReader TextReader()
    {
        var reader = new Utf8JsonReader(_json[_tokenStart..(_valueStart + _valueLength + 1)]);
        reader.Read();
        return reader;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ReadAfterValue(int at, byte next)
    {
        if (_depth == 0)
        {
            // Something other than whitespace after the document's value.
            ThrowInvalid();
        }

        if (next == (byte)',')
        {
            at = SkipWhitespace(_json, at + 1);
            if (at >= _json.Length)
            {
                ThrowInvalid();
            }

            if (_inObject)
            {
                ReadPropertyName(at, _json[at]);
            }
            else
            {
                ReadValue(at, _json[at]);
            }

            return true;
        }

        if (next == (_inObject ? (byte)'}' : (byte)']'))
        {
            EndContainer(at);
            return true;
        }

        ThrowInvalid();
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadValue(int at, byte first)
    {
        _tokenStart = at;
        _escaped = false;
        switch (first)
        {
            case (byte)'"':
                _consumed = ReadString(at);
                _token = JsonTokenType.String;
                return;
            case (byte)'{':
                StartContainer(at, isObject: true);
                return;
            case (byte)'[':
                StartContainer(at, isObject: false);
                return;
            case (byte)'t':
                ReadLiteral(at, "true"u8, JsonTokenType.True);
                return;
            case (byte)'f':
                ReadLiteral(at, "false"u8, JsonTokenType.False);
                return;
            case (byte)'n':
                ReadLiteral(at, "null"u8, JsonTokenType.Null);
                return;
            default:
                ReadNumber(at);
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadPropertyName(int at, byte first)
    {
        if (first != (byte)'"')
        {
            ThrowInvalid();
        }

        _tokenStart = at;
        _escaped = false;
        var end = ReadString(at);
        end = SkipWhitespace(_json, end);
        if (end >= _json.Length || _json[end] != (byte)':')
        {
            ThrowInvalid();
        }

        _consumed = end + 1;
        _token = JsonTokenType.PropertyName;
    }

    /// <summary>Reads the string whose opening quote is at <paramref name="quote"/>; returns the position past its closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadString(int quote)
    {
        var end = StringEnd(_json, quote, out _escaped);
        if (end < 0)
        {
            ThrowInvalid();
        }

        _valueStart = quote + 1;
        _valueLength = end - quote - 2;
        return end;
    }

    /// <summary>
    /// Past the closing quote of the string that opens at <paramref name="quote"/>, its escapes checked; -1 when it is
    /// not a valid string. In line for a string whose first stop is its closing quote within 16 bytes (most of a pod's
    /// strings: names, keys, short values), which then costs one block's compare and no call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringEnd(ReadOnlySpan<byte> json, int quote, out bool escaped)
    {
        var at = quote + 1;
        if (Vector128.IsHardwareAccelerated && at <= json.Length - Vector128<byte>.Count)
        {
            ref var data = ref MemoryMarshal.GetReference(json);
            var stops = StringStops(Vector128.LoadUnsafe(ref data, (nuint)at));
            if (stops == 0)
            {
                // Sixteen plain bytes: the long path goes on after them rather than comparing them again.
                at += Vector128<byte>.Count;
            }
            else
            {
                at += BitOperations.TrailingZeroCount(stops);
                if (Unsafe.Add(ref data, at) == (byte)'"')
                {
                    escaped = false;
                    return at + 1;
                }
            }
        }

        return LongStringEnd(json, at, out escaped);
    }

    /// <summary>
    /// As <see cref="StringEnd"/>, for any string: a long one, one with escapes or control characters, one near the
    /// data's end; <paramref name="from"/> is the first byte of the string not yet known to be plain.
    /// </summary>
    private static int LongStringEnd(ReadOnlySpan<byte> json, int from, out bool escaped)
    {
        escaped = false;
        var at = from;
        while (true)
        {
            at = NextStringStop(json, at);
            if (at >= json.Length)
            {
                return -1;
            }

            var stop = json[at];
            if (stop == (byte)'"')
            {
                return at + 1;
            }

            if (stop != (byte)'\\')
            {
                return -1;
            }

            escaped = true;
            at = EscapeEnd(json, at);
            if (at < 0)
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// Where the first byte from <paramref name="at"/> on stands that ends a string's run of plain bytes: its closing
    /// quote, an escape, or a control character (never allowed in it); the data's length when there is none. Sixteen
    /// bytes at a time, compared in registers (most strings of a pod end within the first sixteen), the last ones by a
    /// load that overlaps the bytes already looked at.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStringStop(ReadOnlySpan<byte> json, int at)
    {
        if (!Vector128.IsHardwareAccelerated || json.Length < Vector128<byte>.Count)
        {
            while (at < json.Length && !IsStringStop(json[at]))
            {
                at++;
            }

            return at;
        }

        ref var data = ref MemoryMarshal.GetReference(json);
        var last = json.Length - Vector128<byte>.Count;
        for (; at <= last; at += Vector128<byte>.Count)
        {
            var stops = StringStops(Vector128.LoadUnsafe(ref data, (nuint)at));
            if (stops != 0)
            {
                return at + BitOperations.TrailingZeroCount(stops);
            }
        }

        if (at < json.Length)
        {
            var stops = StringStops(Vector128.LoadUnsafe(ref data, (nuint)last)) >> (at - last);
            if (stops != 0)
            {
                return at + BitOperations.TrailingZeroCount(stops);
            }
        }

        return json.Length;
    }

    /// <summary>One bit per byte of <paramref name="bytes"/> that is a quote, a backslash or a control character (below 0x20).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint StringStops(Vector128<byte> bytes)
        => (Vector128.Equals(bytes, Vector128.Create((byte)'"')) | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
            | Vector128.Equals(bytes & Vector128.Create((byte)0xE0), Vector128<byte>.Zero)).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsStringStop(byte b) => b < 0x20 || b == (byte)'"' || b == (byte)'\\';

    /// <summary>Past the escape whose backslash is at <paramref name="backslash"/>; -1 when it is not a JSON escape.</summary>
    private static int EscapeEnd(ReadOnlySpan<byte> json, int backslash)
    {
        var at = backslash + 1;
        if (at >= json.Length)
        {
            return -1;
        }

        switch (json[at])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return at + 1;
            case (byte)'u':
                return at + 4 < json.Length && char.IsAsciiHexDigit((char)json[at + 1]) && char.IsAsciiHexDigit((char)json[at + 2])
                    && char.IsAsciiHexDigit((char)json[at + 3]) && char.IsAsciiHexDigit((char)json[at + 4]) ? at + 5 : -1;
            default:
                return -1;
        }
    }

    private void ReadLiteral(int at, ReadOnlySpan<byte> literal, JsonTokenType token)
    {
        if (!_json[at..].StartsWith(literal))
        {
            ThrowInvalid();
        }

        _valueStart = at;
        _valueLength = literal.Length;
        _consumed = at + literal.Length;
        _token = token;
    }

    private void ReadNumber(int start)
    {
        var end = NumberEnd(_json, start);

        // The end of the data ends a number only at the top level: inside a container Utf8JsonReader refuses it there.
        if (end < 0 || (end == _json.Length && _depth > 0))
        {
            ThrowInvalid();
        }

        _valueStart = start;
        _valueLength = end - start;
        _consumed = end;
        _token = JsonTokenType.Number;
    }

    /// <summary>
    /// Past the number at <paramref name="start"/>, written as RFC 8259 writes it
    /// (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>) and followed by a delimiter or the end; -1 otherwise.
    /// </summary>
    private static int NumberEnd(ReadOnlySpan<byte> json, int start)
    {
        var at = start;
        if (at < json.Length && json[at] == (byte)'-')
        {
            at++;
        }

        if (at >= json.Length || !char.IsAsciiDigit((char)json[at]))
        {
            return -1;
        }

        at = json[at] == (byte)'0' ? at + 1 : Digits(json, at);
        if (at < json.Length && json[at] == (byte)'.')
        {
            at = RequiredDigits(json, at + 1);
        }

        if (at >= 0 && at < json.Length && (json[at] | 0x20) == (byte)'e')
        {
            at++;
            if (at < json.Length && json[at] is (byte)'+' or (byte)'-')
            {
                at++;
            }

            at = RequiredDigits(json, at);
        }

        // What Utf8JsonReader lets end a number ('/' would start a comment; the next token then fails as it does there).
        return at < 0 || (at < json.Length && json[at] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'/'))
            ? -1 : at;
    }

    private static int RequiredDigits(ReadOnlySpan<byte> json, int at)
        => at < json.Length && char.IsAsciiDigit((char)json[at]) ? Digits(json, at) : -1;

    private static int Digits(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && char.IsAsciiDigit((char)json[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>
    /// From a container's start to its end, checking the grammar exactly as <see cref="Read"/> does but in one loop
    /// whose state stays in locals: the webhook skips most of a review (a pod's probes, resources, tolerations, the
    /// request's user info), so this is where most of its bytes go by.
    /// </summary>
    /// <remarks>
    /// Written as the grammar's states with jumps between them (just inside a container, a name, a value, after a
    /// value): each byte is compared only against what may stand there, and in compact JSON a member
    /// (<c>,"name":value</c>) goes from comma to name to value without coming back to a dispatch on the state.
    /// </remarks>
    private void SkipContainer()
    {
        var json = _json;
        ref var levels = ref _levels;
        var outer = _depth - 1;
        var depth = _depth;
        var inObject = _inObject;
        var at = _consumed;
        byte next;

    // Just inside a container: its end, or its first member.
    FirstOrEnd:
        at = SkipWhitespace(json, at);
        if ((uint)at >= (uint)json.Length)
        {
            goto Invalid;
        }

        next = json[at];
        if (next == (inObject ? (byte)'}' : (byte)']'))
        {
            goto End;
        }

        if (!inObject)
        {
            goto Value;
        }

    // A member's name and its colon; next is the byte at.
    Name:
        if (next != (byte)'"')
        {
            goto Invalid;
        }

        if (Vector128.IsHardwareAccelerated && at + 1 <= json.Length - Vector128<byte>.Count)
        {
            // A compact member, "name":"value", whose name and value both end within the 16 bytes after the name's
            // quote: both ends come from one block's compare, not from a compare of the value's bytes that waits
            // for the name's end. Checked as StringEnd checks each string; any other member takes the path below.
            ref var data = ref MemoryMarshal.GetReference(json);
            var stops = StringStops(Vector128.LoadUnsafe(ref data, (nuint)(at + 1)));
            var nameStop = BitOperations.TrailingZeroCount(stops);
            var nameEnd = at + 1 + nameStop;
            if (stops != 0 && Unsafe.Add(ref data, nameEnd) == (byte)'"' && nameEnd + 2 < json.Length
                && Unsafe.Add(ref data, nameEnd + 1) == (byte)':' && Unsafe.Add(ref data, nameEnd + 2) == (byte)'"')
            {
                // The value's stops: those after its opening quote, which stands two bytes past the name's end.
                var valueStops = stops >> (nameStop + 3);
                var valueEnd = nameEnd + 3 + BitOperations.TrailingZeroCount(valueStops);
                if (valueStops != 0 && Unsafe.Add(ref data, valueEnd) == (byte)'"')
                {
                    at = valueEnd + 1;
                    goto AfterValue;
                }

                at = nameEnd + 2;
                next = (byte)'"';
                goto Value;
            }
        }

        at = StringEnd(json, at, out _);
        if (at < 0)
        {
            goto Invalid;
        }

        at = SkipWhitespace(json, at);
        if ((uint)at >= (uint)json.Length || json[at] != (byte)':')
        {
            goto Invalid;
        }

        at = SkipWhitespace(json, at + 1);
        if ((uint)at >= (uint)json.Length)
        {
            goto Invalid;
        }

        next = json[at];

    // A value: after a name's colon, after a comma in a list, or first in a list; next is the byte at.
    Value:
        switch (next)
        {
            case (byte)'"':
                at = StringEnd(json, at, out _);
                break;
            case (byte)'{' or (byte)'[':
                if (depth >= _maxDepth)
                {
                    _consumed = at;
                    goto Invalid;
                }

                inObject = next == (byte)'{';
                levels.Set(depth, inObject);
                depth++;
                at++;
                goto FirstOrEnd;
            case (byte)'t':
                at = json[at..].StartsWith("true"u8) ? at + 4 : -1;
                break;
            case (byte)'f':
                at = json[at..].StartsWith("false"u8) ? at + 5 : -1;
                break;
            case (byte)'n':
                at = json[at..].StartsWith("null"u8) ? at + 4 : -1;
                break;
            default:
                at = NumberEnd(json, at);
                break;
        }

        if (at < 0)
        {
            goto Invalid;
        }

    // After a member: a comma, or the container's end.
    AfterValue:
        at = SkipWhitespace(json, at);
        if ((uint)at >= (uint)json.Length)
        {
            goto Invalid;
        }

        next = json[at];
        if (next == (byte)',')
        {
            at = SkipWhitespace(json, at + 1);
            if ((uint)at >= (uint)json.Length)
            {
                goto Invalid;
            }

            next = json[at];
            if (inObject)
            {
                goto Name;
            }

            goto Value;
        }

        if (next != (inObject ? (byte)'}' : (byte)']'))
        {
            goto Invalid;
        }

    // The container's end, at at.
    End:
        depth--;
        if (depth == outer)
        {
            _consumed = at;
            _depth = depth + 1;
            _inObject = inObject;
            EndContainer(at);
            return;
        }

        inObject = levels.IsObject(depth - 1);
        at++;
        goto AfterValue;

    Invalid:
        ThrowInvalid();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StartContainer(int at, bool isObject)
    {
        if (_depth >= _maxDepth)
        {
            ThrowInvalid();
        }

        _levels.Set(_depth, isObject);
        _depth++;
        _inObject = isObject;
        _valueStart = at;
        _valueLength = 1;
        _consumed = at + 1;
        _token = isObject ? JsonTokenType.StartObject : JsonTokenType.StartArray;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndContainer(int at)
    {
        _token = _inObject ? JsonTokenType.EndObject : JsonTokenType.EndArray;
        _depth--;
        _inObject = _depth > 0 && _levels.IsObject(_depth - 1);
        _tokenStart = at;
        _escaped = false;
        _valueStart = at;
        _valueLength = 1;
        _consumed = at + 1;
    }

    /// <summary>
    /// Past the whitespace at <paramref name="at"/>. JSON as the API server writes it has none between tokens, so the
    /// usual call is one compare: any byte above a space is not whitespace.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> json, int at)
    {
        while ((uint)at < (uint)json.Length)
        {
            var b = json[at];
            if (b > (byte)' ' || ((1UL << b) & WhitespaceBits) == 0)
            {
                break;
            }

            at++;
        }

        return at;
    }

    /// <summary>One bit per byte value up to a space that JSON counts as whitespace: tab, line feed, carriage return, space.</summary>
    private const ulong WhitespaceBits = (1UL << '\t') | (1UL << '\n') | (1UL << '\r') | (1UL << ' ');

    /// <summary>Throws <see cref="Invalid"/>: kept out of line, so the methods of every token stay small.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowInvalid() => throw Invalid();

    /// <summary>
    /// The error <see cref="Utf8JsonReader"/> gives for this document (a replay from its start, only ever on JSON that is
    /// not valid), so that a refusal names the same place and reason as before.
    /// </summary>
    private readonly JsonException Invalid()
    {
        var reader = new Utf8JsonReader(_json, new JsonReaderOptions { MaxDepth = _maxDepth });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            return e;
        }

        return new JsonException("the JSON is not valid at byte " + _consumed);
    }

    /// <summary>One bit per open container (set: an object), for <see cref="DepthLimit"/> levels.</summary>
    [InlineArray(DepthLimit / 64)]
    private struct ObjectLevels
    {
        private ulong _bits;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(int level, bool isObject)
        {
            ref var word = ref Word(ref this, level);
            var bit = 1UL << (level & 63);
            word = isObject ? word | bit : word & ~bit;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool IsObject(int level) => (Word(ref Unsafe.AsRef(in this), level) & (1UL << (level & 63))) != 0;

        // The word by reference, its index masked into the array: the inline array's indexer went through a span
        // conversion that NativeAOT's size-preferring code generation called at every container's end.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ref ulong Word(ref ObjectLevels levels, int level) => ref Unsafe.Add(ref levels._bits, (level >> 6) & (DepthLimit / 64 - 1));
    }
}
