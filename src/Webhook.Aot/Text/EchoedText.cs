using System.Globalization;
using System.Text;

namespace Webhook.Text;

/// <summary>
/// Request values echoed into admission warnings, refusals and log lines. Whoever creates a pod chooses them, and
/// the API server checks sizes only after the webhook has answered: a 1 MiB annotation value must not become a 1 MiB
/// warning, answer or log line. One format everywhere: the first <see cref="MaxCharacters"/> characters, an ellipsis
/// and the full length, <c>"abc…" (1048576 characters)</c>. Warnings travel in HTTP headers and must stay one line,
/// so quoted values also have their control characters escaped.
/// </summary>
public static class EchoedText
{
    /// <summary>200 characters: any name Kubernetes allows (at most 63, or 253 for a DNS subdomain) is still shown whole or nearly.</summary>
    public const int MaxCharacters = 200;

    /// <summary>How many items a warning about many names lists before "and N more".</summary>
    public const int MaxListed = 5;

    /// <summary>The value as it is when short enough (the same string, nothing allocated), else cut: <c>abc… (1048576 characters)</c>.</summary>
    public static string Cut(string value) => value.Length <= MaxCharacters ? value : Shortened(value.AsSpan(), value.Length);

    /// <summary>UTF-8 bytes of the request (a uid, a namespace) as text, cut like <see cref="Cut(string)"/>.</summary>
    public static string CutUtf8(ReadOnlySpan<byte> utf8)
    {
        var (prefix, length) = DecodePrefix(utf8);
        return length <= MaxCharacters ? prefix : Shortened(prefix.AsSpan(), length);
    }

    /// <summary>
    /// The value in double quotes, cut when long, control characters written as <c>\n</c>, <c>\t</c>, <c>\r</c> or
    /// <c>\uXXXX</c>: <c>"abc…" (1048576 characters)</c>.
    /// </summary>
    public static string Quote(string value) => Quote(value.AsSpan(), value.Length);

    /// <summary>UTF-8 bytes of the request (a kind) quoted like <see cref="Quote(string)"/>, without decoding more than the part shown.</summary>
    public static string QuoteUtf8(ReadOnlySpan<byte> utf8)
    {
        var (prefix, length) = DecodePrefix(utf8);
        return Quote(prefix.AsSpan(), length);
    }

    private static string Quote(ReadOnlySpan<char> value, int fullLength)
    {
        var shown = fullLength <= MaxCharacters ? value : Prefix(value);
        var text = new StringBuilder(shown.Length + 32).Append('"');
        foreach (var c in shown)
        {
            switch (c)
            {
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        if (fullLength > MaxCharacters)
        {
            return text.Append("…\" (").Append(fullLength.ToString(CultureInfo.InvariantCulture)).Append(" characters)").ToString();
        }

        return text.Append('"').ToString();
    }

    /// <summary>The text of the first bytes (all of it when short) and the length in characters of the whole.</summary>
    private static (string Prefix, int Length) DecodePrefix(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= MaxCharacters)
        {
            var whole = Encoding.UTF8.GetString(utf8);
            return (whole, whole.Length);
        }

        // Four bytes per character kept decode to more than MaxCharacters characters, even when the prefix ends inside one.
        var prefix = Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 4 * MaxCharacters)]);
        return (prefix, utf8.Length <= 4 * MaxCharacters ? prefix.Length : Encoding.UTF8.GetCharCount(utf8));
    }

    /// <summary>
    /// The first <see cref="MaxListed"/> values quoted and joined by commas, then <c>and N more</c> for the rest:
    /// <c>"a", "b", "c", "d", "e" and 31995 more</c>. <paramref name="count"/> values from <paramref name="start"/>.
    /// </summary>
    public static string List(IReadOnlyList<string> values, int start, int count)
    {
        var text = new StringBuilder();
        var shown = Math.Min(count, MaxListed);
        for (var i = 0; i < shown; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(Quote(values[start + i]));
        }

        if (count > shown)
        {
            text.Append(" and ").Append((count - shown).ToString(CultureInfo.InvariantCulture)).Append(" more");
        }

        return text.ToString();
    }

    private static string Shortened(ReadOnlySpan<char> value, int fullLength)
        => string.Concat(Prefix(value), "… (", fullLength.ToString(CultureInfo.InvariantCulture), " characters)");

    /// <summary>The first <see cref="MaxCharacters"/> characters, one fewer when the cut would split a surrogate pair.</summary>
    private static ReadOnlySpan<char> Prefix(ReadOnlySpan<char> value)
    {
        var length = MaxCharacters;
        if (char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        return value[..length];
    }
}
