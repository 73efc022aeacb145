using System.Text.RegularExpressions;

namespace Webhook.Injection.Selection;

/// <summary>The container-names annotations: allowed characters, splitting, and the multi-instrumentation checks (shared spec §6).</summary>
public static partial class ContainerNameRules
{
    /// <summary>The operator's <c>^[a-zA-Z0-9-,]+$</c>; <c>\z</c> because .NET's <c>$</c> also matches before a final newline, Go's does not.</summary>
    [GeneratedRegex("^[a-zA-Z0-9-,]+\\z")]
    private static partial Regex Allowed();

    public static bool IsValid(string value) => value.Length == 0 || Allowed().IsMatch(value);

    /// <summary>Splits on commas without trimming, as the operator does (validation already refused spaces).</summary>
    public static string[] Split(string value) => value.Split(',');

    /// <summary>
    /// The operator's multi-instrumentation validation over the selected languages in its validation order; the
    /// message is its own. Null when valid.
    /// </summary>
    public static string? Validate(IReadOnlyList<SelectedLanguage> selected)
    {
        foreach (var language in selected)
        {
            var duplicates = language.ContainerNames.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1)
                .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
            if (duplicates.Count > 0)
            {
                return "duplicated container names detected: [" + string.Join(" ", duplicates) + "]";
            }
        }

        var withNames = selected.Count(l => l.ContainerNames.Count > 0);
        var withoutNames = selected.Count - withNames;
        if ((withNames > 0 && withoutNames > 0) || (withoutNames > 1 && withNames == 0))
        {
            return "incorrect instrumentation configuration - please provide container names for all instrumentations";
        }

        return null;
    }
}
