using System.Globalization;

namespace Webhook.Instrumentations;

/// <summary>
/// Parses a number the way the operator's sampler check accepts it (Go's ParseFloat: decimal and exponent forms,
/// "Inf"/"Infinity" with a sign, "NaN"), without the leading/trailing white space .NET would allow.
/// Hexadecimal floats are not accepted; nobody writes a sampling ratio that way.
/// </summary>
public static class GoFloat
{
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        var negative = text[0] == '-';
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }
}
