using System.Globalization;
using System.Text;

namespace Webhook.Documents;

/// <summary>
/// Chooses how a string is written in YAML so that reading it back, by <see cref="DocumentReader"/> or by
/// kubectl, gives the same string: plain when nothing could change its meaning, a literal block for
/// multi-line text, double quotes with escapes otherwise.
/// </summary>
internal static class YamlStringStyle
{
    /// <summary>Characters that mean something at the start of a plain scalar.</summary>
    private const string LeadingIndicators = "-?:,[]{}#&*!|>'\"%@`";

    public static bool CanBePlain(string value)
    {
        if (value.Length == 0
            || YamlScalarResolver.ResolvePlain(value).Kind != ScalarKind.String
            || LeadingIndicators.Contains(value[0], StringComparison.Ordinal)
            || IsSpace(value[0])
            || IsSpace(value[^1])
            || value[^1] == ':'
            || value.StartsWith("...", StringComparison.Ordinal)
            || value.Contains(": ", StringComparison.Ordinal)
            || value.Contains(" #", StringComparison.Ordinal)
            || LooksLikeTimestamp(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (NeedsEscape(c) || c == '\t')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A literal block keeps multi-line text as it is, provided its indentation can be detected from the first line
    /// that has text, no line is blanks only (YAML would drop them), and every character may appear unescaped.
    /// </summary>
    public static bool CanBeLiteral(string value)
    {
        var body = value.TrimEnd('\n');
        if (body.Length == 0 || !value.Contains('\n', StringComparison.Ordinal))
        {
            return false;
        }

        var sawText = false;
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0 && line.AsSpan().TrimStart(" \t").IsEmpty)
            {
                return false;
            }

            if (!sawText && line.Length > 0)
            {
                if (IsSpace(line[0]))
                {
                    return false;
                }

                sawText = true;
            }

            foreach (var c in line)
            {
                if (NeedsEscape(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                case '\0': builder.Append("\\0"); break;
                case '\u0085': builder.Append("\\N"); break;
                case '\u2028': builder.Append("\\L"); break;
                case '\u2029': builder.Append("\\P"); break;
                default:
                    if (NeedsEscape(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Characters YAML does not allow unescaped (controls, DEL, C1 controls, byte-order mark, non-characters) and
    /// the ones YAML 1.1 reads as line breaks. Surrogate pairs are fine; System.Text.Json never yields lone halves.
    /// </summary>
    private static bool NeedsEscape(char c) =>
        c is < ' ' and not '\t' or '\u007F' or (>= '\u0080' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    private static bool IsSpace(char c) => c is ' ' or '\t';

    /// <summary>YAML 1.1 tools other than go-yaml read <c>2024-01-31…</c> as a timestamp; quoting keeps it a string everywhere.</summary>
    private static bool LooksLikeTimestamp(string value) =>
        value.Length >= 8 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && char.IsAsciiDigit(value[2])
        && char.IsAsciiDigit(value[3]) && value[4] == '-';
}
