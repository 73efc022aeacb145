using System.Text.RegularExpressions;
using Webhook.Injection.Text;

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

    /// <summary>Appends the comma-separated names of <paramref name="value"/> to <paramref name="into"/>, as <see cref="Split(string)"/> cuts them.</summary>
    public static void Split(string value, List<string> into)
    {
        var start = 0;
        while (true)
        {
            var comma = value.IndexOf(',', start);
            var end = comma < 0 ? value.Length : comma;
            into.Add(TextCache.Slice(value, start, end - start));
            if (comma < 0)
            {
                return;
            }

            start = comma + 1;
        }
    }

    /// <summary>
    /// The operator's multi-instrumentation validation over the selected languages in its validation order; the
    /// message is its own. Null when valid.
    /// </summary>
    public static string? Validate(IReadOnlyList<SelectedLanguage> selected)
    {
        var withNames = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            var names = selected[i].ContainerNames;
            if (HasDuplicate(names))
            {
                return "duplicated container names detected: [" + string.Join(" ", Duplicates(names)) + "]";
            }

            withNames += names.Count > 0 ? 1 : 0;
        }

        var withoutNames = selected.Count - withNames;
        if ((withNames > 0 && withoutNames > 0) || (withoutNames > 1 && withNames == 0))
        {
            return "incorrect instrumentation configuration - please provide container names for all instrumentations";
        }

        return null;
    }

    private static bool HasDuplicate(List<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length > 0 && names.IndexOf(names[i], i + 1) > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Duplicates(List<string> names)
        => names.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
}
