using System.Text.RegularExpressions;

namespace Webhook.Crd;

/// <summary>The Kubernetes resource quantity grammar (`500m`, `256Mi`, `1e3`), as the CRD's pattern states it.</summary>
public static class Quantity
{
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    private static readonly Regex s_pattern = new(GoPattern.Anchored(Pattern), RegexOptions.CultureInvariant);

    public static bool IsValid(string text) => s_pattern.IsMatch(text);

    /// <summary>The amount a valid quantity stands for (<c>128Mi</c> → 134217728), or false when it does not parse or is too large.</summary>
    public static bool TryGetAmount(string text, out decimal amount)
    {
        amount = 0;
        if (!IsValid(text))
        {
            return false;
        }

        var numberEnd = 0;
        while (numberEnd < text.Length && (char.IsDigit(text[numberEnd]) || text[numberEnd] is '.' or '+' or '-'))
        {
            numberEnd++;
        }

        if (!decimal.TryParse(text[..numberEnd], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = text[numberEnd..];
        try
        {
            amount = number * Multiplier(suffix);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal Multiplier(string suffix) => suffix switch
    {
        "" => 1m,
        "n" => 0.000000001m,
        "u" => 0.000001m,
        "m" => 0.001m,
        "k" => 1e3m,
        "M" => 1e6m,
        "G" => 1e9m,
        "T" => 1e12m,
        "P" => 1e15m,
        "E" => 1e18m,
        "Ki" => 1024m,
        "Mi" => 1024m * 1024,
        "Gi" => 1024m * 1024 * 1024,
        "Ti" => 1024m * 1024 * 1024 * 1024,
        "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
        "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
        _ => Power(suffix),
    };

    /// <summary>A decimal exponent suffix such as <c>e3</c> or <c>E-2</c>.</summary>
    private static decimal Power(string suffix)
    {
        // The pattern allows a fractional exponent ("1e3.5"), which stands for no whole amount.
        if (!int.TryParse(suffix.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var exponent)
            || exponent is > 28 or < -28)
        {
            throw new OverflowException();
        }

        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }
}
