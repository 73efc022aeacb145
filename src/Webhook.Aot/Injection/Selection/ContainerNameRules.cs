using System.Buffers;
using Webhook.Text;

namespace Webhook.Injection.Selection;

/// <summary>The container-names annotations: allowed characters, splitting, and the multi-instrumentation checks (shared spec §6).</summary>
public static class ContainerNameRules
{
    /// <summary>
    /// The characters of the operator's <c>^[a-zA-Z0-9-,]+$</c> (Go's <c>$</c>: a final newline is not allowed either).
    /// A set rather than a Regex: a Regex used by two requests at once makes one of them allocate a runner.
    /// </summary>
    private static readonly SearchValues<char> s_allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-,");

    public static bool IsValid(string value) => !value.AsSpan().ContainsAnyExcept(s_allowed);

    /// <summary>
    /// Appends the comma-separated names of <paramref name="value"/> to <paramref name="into"/>, without trimming and
    /// keeping empty names, as the operator splits them (validation already refused spaces). The names stay slices of
    /// the value: a list of thousands costs no string per name.
    /// </summary>
    public static void Split(string value, ContainerNameList into) => into.Add(value);

    /// <summary>
    /// The operator's multi-instrumentation validation over the selected languages in its validation order; the
    /// message is its own. Null when valid. <paramref name="seen"/>, when given, is the table long lists are checked
    /// through (a workspace's, reused).
    /// </summary>
    public static string? Validate(IReadOnlyList<SelectedLanguage> selected, NameTable? seen = null)
    {
        var withNames = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            var names = selected[i].ContainerNames;
            if (HasDuplicate(names, seen))
            {
                return "duplicated container names detected: [" + Duplicates(names) + "]";
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

    /// <summary>Whether a non-empty name repeats: scanned when the list is short, through a table when long (linear either way).</summary>
    private static bool HasDuplicate(ContainerNameList names, NameTable? seen)
    {
        if (names.Count <= NameLookup.ScanLimit)
        {
            foreach (var name in names)
            {
                foreach (var later in names)
                {
                    if (later.Position > name.Position && name.Text.Length > 0 && later.Text.SequenceEqual(name.Text))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        seen ??= new NameTable();
        seen.Reset(names.Count);
        foreach (var name in names)
        {
            if (name.Text.Length > 0 && !seen.TryAdd(names, name.Text, name.Position))
            {
                return true;
            }
        }

        names.NonEmptyNamesDistinct = true;
        return false;
    }

    /// <summary>The repeated names in ordinal order, each once; the first few of them, cut, then "and N more".</summary>
    private static string Duplicates(ContainerNameList names)
    {
        var all = new List<string>(names.Count);
        foreach (var name in names)
        {
            all.Add(name.Text.ToString());
        }

        var repeated = all.Where(n => n.Length > 0).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(" ", repeated.Take(EchoedText.MaxListed).Select(EchoedText.Cut));
        return repeated.Count > EchoedText.MaxListed
            ? shown + " and " + (repeated.Count - EchoedText.MaxListed).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more"
            : shown;
    }
}
