using System.Text.RegularExpressions;

namespace Webhook.Crd;

/// <summary>The Kubernetes resource quantity grammar (`500m`, `256Mi`, `1e3`), as the CRD's pattern states it.</summary>
public static class Quantity
{
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    private static readonly Regex s_pattern = new(Pattern, RegexOptions.CultureInvariant);

    public static bool IsValid(string text) => s_pattern.IsMatch(text);
}
