using System.Buffers;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Text;

namespace Webhook.Injection.Env;

/// <summary>
/// An env entry injection composes for one container, written as JSON into the pod's fragments straight from the text
/// being composed: the value never becomes a string (a 5,000-container pod's resource attributes were 3 MB of them),
/// and the patch writer copies the entry's bytes as it copies a pod's own. The entry reads its value from those bytes
/// when asked, as a pod's entry does.
/// </summary>
public static class FragmentEnv
{
    /// <summary>Where the name starts in <c>{"name":"…","value":"…"}</c>.</summary>
    internal const int NameStart = 9;

    /// <summary>From the end of the name to the start of the value: <c>","value":"</c>.</summary>
    internal const int BetweenNameAndValue = 11;

    /// <summary>What a <see cref="System.Text.Json.Utf8JsonWriter"/> without an encoder of its own escapes by.</summary>
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder s_escaper = System.Text.Encodings.Web.JavaScriptEncoder.Default;

    /// <summary>
    /// <c>{"name":<paramref name="name"/>,"value":<paramref name="value"/>}</c>, the bytes <see cref="JsonFragments.WriteEnvEntry"/>
    /// writes for <c>EnvEntry.Literal(name, value)</c>. <paramref name="name"/> is one of ours: ASCII letters, digits and '_'.
    /// </summary>
    public static EnvEntry Literal(FragmentBuffer fragments, string name, scoped ReadOnlySpan<char> value)
    {
        // The usual value (resource attributes, agent options) is ASCII that JSON writes as it is: its bytes are copied
        // between the entry's fixed parts, without a JSON writer's state, its checks and its transcoding.
        var length = LiteralLength(name, value);
        if (TryWriteLiteral(fragments.GetSpan(length), name, value))
        {
            var copied = fragments.Advance(length);
            var valueStart = NameStart + name.Length + BetweenNameAndValue;
            return EnvEntry.FromPod(copied, new RawText(null, NameStart, name.Length), new RawText(null, valueStart, value.Length), hasValueFrom: false, origin: -1);
        }

        return Written(fragments, name, value);
    }

    /// <summary>How many bytes <see cref="TryWriteLiteral"/> writes.</summary>
    public static int LiteralLength(string name, scoped ReadOnlySpan<char> value) => NameStart + name.Length + BetweenNameAndValue + value.Length + 2;

    /// <summary>
    /// <c>{"name":<paramref name="name"/>,"value":<paramref name="value"/>}</c> into the first <see cref="LiteralLength"/>
    /// bytes of <paramref name="into"/>, the bytes a JSON writer writes, when both are ASCII that JSON writes as it is;
    /// false otherwise (what it wrote is then to be ignored).
    /// </summary>
    public static bool TryWriteLiteral(Span<byte> into, string name, scoped ReadOnlySpan<char> value)
    {
        var valueStart = NameStart + name.Length + BetweenNameAndValue;
        if (!TryCopyPlain(name, into.Slice(NameStart, name.Length)) || !TryCopyPlain(value, into.Slice(valueStart, value.Length)))
        {
            return false;
        }

        "{\"name\":\""u8.CopyTo(into);
        "\",\"value\":\""u8.CopyTo(into[(NameStart + name.Length)..]);
        "\"}"u8.CopyTo(into[(valueStart + value.Length)..]);
        return true;
    }

    /// <summary>
    /// Copies <paramref name="text"/> into <paramref name="into"/> (of its length) when it is ASCII that a JSON writer
    /// writes unescaped (<c>JavaScriptEncoder.Default</c>, the writer's own escaper): then the bytes are what the writer
    /// writes between the quotes.
    /// </summary>
    public static bool TryCopyPlain(scoped ReadOnlySpan<char> text, Span<byte> into)
        => System.Text.Ascii.FromUtf16(text, into, out _) == OperationStatus.Done && s_escaper.FindFirstCharacterToEncodeUtf8(into) < 0;

    /// <summary>
    /// <see cref="Literal"/> through the JSON writer, for a value it escapes (non-ASCII, quotes, '+', ...): the bytes
    /// <see cref="JsonFragments.WriteEnvEntry"/> writes, which <see cref="Literal"/>'s copied ones equal.
    /// </summary>
    private static EnvEntry Written(FragmentBuffer fragments, string name, scoped ReadOnlySpan<char> value)
    {
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("value"u8, value);
        writer.WriteEndObject();
        var raw = fragments.End();

        var valueStart = NameStart + name.Length + BetweenNameAndValue;
        var valueLength = raw.Length - valueStart - 2;
        if (raw.Span[NameStart + name.Length] != (byte)'"')
        {
            throw new ArgumentException("an env name written without escapes was expected, not " + name, nameof(name));
        }

        // A value the writer escaped (non-ASCII, quotes, '+', ...) is not its own text in the bytes: it is kept decoded.
        var decoded = raw.Span.Slice(valueStart, valueLength).Contains((byte)'\\') ? TextCache.Get(value) : null;
        return EnvEntry.FromPod(raw, new RawText(null, NameStart, name.Length), new RawText(decoded, valueStart, valueLength), hasValueFrom: false, origin: -1);
    }
}
