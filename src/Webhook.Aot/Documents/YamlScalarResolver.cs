using System.Globalization;

namespace Webhook.Documents;

/// <summary>
/// Resolves plain YAML scalars the way Kubernetes does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 rules), so a
/// file means here what it means to kubectl: <c>yes</c> is true, <c>010</c> is 8, <c>0x1F</c> is 31.
/// Timestamps stay strings, as go-yaml v2 leaves them when decoding into untyped values.
/// </summary>
internal static class YamlScalarResolver
{
    private static readonly HashSet<string> s_true = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    };

    private static readonly HashSet<string> s_false = new(StringComparer.Ordinal)
    {
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    };

    private static readonly HashSet<string> s_null = new(StringComparer.Ordinal) { "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> s_nonFinite = new(StringComparer.Ordinal)
    {
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    };

    public static ResolvedScalar ResolvePlain(string text)
    {
        if (text.Length == 0 || s_null.Contains(text))
        {
            return ResolvedScalar.Null;
        }

        if (s_true.Contains(text))
        {
            return ResolvedScalar.True;
        }

        if (s_false.Contains(text))
        {
            return ResolvedScalar.False;
        }

        if (s_nonFinite.Contains(text))
        {
            return ResolvedScalar.NonFinite;
        }

        if (text == "<<")
        {
            return ResolvedScalar.Merge;
        }

        var first = text[0];
        if (first == '.')
        {
            return IsDotFloat(text) ? Float(text) : ResolvedScalar.String;
        }

        if (first is '+' or '-' || char.IsAsciiDigit(first))
        {
            return ResolveNumber(text.Replace("_", "", StringComparison.Ordinal));
        }

        return ResolvedScalar.String;
    }

    private static ResolvedScalar ResolveNumber(string plain)
    {
        if (TryParseInteger(plain, out var integerText))
        {
            return new ResolvedScalar(ScalarKind.Integer, IsJsonNumber(plain) ? plain : integerText);
        }

        return IsYamlFloat(plain) ? Float(plain) : ResolvedScalar.String;
    }

    private static ResolvedScalar Float(string text)
    {
        if (IsJsonNumber(text))
        {
            return new ResolvedScalar(ScalarKind.Float, text);
        }

        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value)
            ? new ResolvedScalar(ScalarKind.Float, value.ToString("R", CultureInfo.InvariantCulture))
            : ResolvedScalar.NonFinite;
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>, then <c>ParseUint</c>: sign, 0x/0o/0b prefixes, a leading 0 for octal.</summary>
    private static bool TryParseInteger(string text, out string decimalText)
    {
        decimalText = "";
        var i = 0;
        var negative = false;
        var signed = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            signed = true;
            i = 1;
        }

        if (i == text.Length)
        {
            return false;
        }

        var radix = 10;
        if (text[i] == '0' && i + 1 < text.Length)
        {
            (radix, i) = char.ToLowerInvariant(text[i + 1]) switch
            {
                'x' => (16, i + 2),
                'o' => (8, i + 2),
                'b' => (2, i + 2),
                _ => (8, i + 1),
            };
        }

        if (!TryAccumulate(text.AsSpan(i), radix, out var magnitude))
        {
            return false;
        }

        // ParseInt takes int64 with either sign; only an unsigned spelling reaches ParseUint's larger range.
        var limit = negative ? (UInt128)long.MaxValue + 1 : signed ? long.MaxValue : ulong.MaxValue;
        if (magnitude > limit)
        {
            return false;
        }

        decimalText = (negative && magnitude != 0 ? "-" : "") + magnitude.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryAccumulate(ReadOnlySpan<char> digits, int radix, out UInt128 value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            value = (value * (uint)radix) + (uint)digit;
            if (value > ulong.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>, go-yaml v2's float pattern.</summary>
    private static bool IsYamlFloat(string text)
    {
        var i = 0;
        if (text[i] is '+' or '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (SkipDigits(text, ref i) == 0)
            {
                return false;
            }
        }
        else
        {
            if (SkipDigits(text, ref i) == 0)
            {
                return false;
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                SkipDigits(text, ref i);
            }
        }

        return SkipExponent(text, ref i) && i == text.Length;
    }

    /// <summary>A scalar starting with '.' is a float when Go's ParseFloat takes it: <c>.5</c>, <c>.5e3</c>.</summary>
    private static bool IsDotFloat(string text)
    {
        var i = 1;
        return SkipDigits(text, ref i) > 0 && SkipExponent(text, ref i) && i == text.Length;
    }

    /// <summary>Whether the text is already a JSON number literal, and so can be kept as written.</summary>
    internal static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else if (i >= text.Length || text[i] is < '1' or > '9' || SkipDigits(text, ref i) == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (SkipDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return SkipExponent(text, ref i) && i == text.Length;
    }

    /// <summary>Skips an optional <c>[eE][-+]?[0-9]+</c>; false when one starts but is incomplete.</summary>
    private static bool SkipExponent(string text, ref int i)
    {
        if (i >= text.Length || text[i] is not ('e' or 'E'))
        {
            return true;
        }

        i++;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        return SkipDigits(text, ref i) > 0;
    }

    private static int SkipDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
