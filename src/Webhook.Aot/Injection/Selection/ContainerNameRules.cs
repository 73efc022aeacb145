using System.Buffers;
using Webhook.Injection.Text;

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
    /// keeping empty names, as the operator splits them (validation already refused spaces). The names of a list
    /// longer than <see cref="TextCache.MaxLength"/> are not kept in the cache: a list of thousands would push out the
    /// strings the workloads' pods share, and make every later pod allocate them again.
    /// </summary>
    public static void Split(string value, List<string> into)
    {
        var cached = value.Length <= TextCache.MaxLength;
        var start = 0;
        while (true)
        {
            var comma = value.IndexOf(',', start);
            var end = comma < 0 ? value.Length : comma;
            into.Add(cached ? TextCache.Slice(value, start, end - start) : value[start..end]);
            if (comma < 0)
            {
                return;
            }

            start = comma + 1;
        }
    }

    /// <summary>
    /// The operator's multi-instrumentation validation over the selected languages in its validation order; the
    /// message is its own. Null when valid. <paramref name="seen"/>, when given, is the set long lists are checked
    /// through (a workspace's, reused: a new one for 32,000 names is 0.7 MB on the large object heap per pod).
    /// </summary>
    public static string? Validate(IReadOnlyList<SelectedLanguage> selected, HashSet<string>? seen = null)
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

    /// <summary>Whether a non-empty name repeats: scanned when the list is short, through a set when long (linear either way).</summary>
    private static bool HasDuplicate(List<string> names, HashSet<string>? seen)
    {
        if (names.Count <= NameLookup.ScanLimit)
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

        seen ??= new HashSet<string>(names.Count, StringComparer.Ordinal);
        seen.Clear();
        foreach (var name in names)
        {
            if (name.Length > 0 && !seen.Add(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The repeated names in ordinal order, each once; the first few of them, cut, then "and N more".</summary>
    private static string Duplicates(List<string> names)
    {
        var repeated = names.Where(n => n.Length > 0).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(" ", repeated.Take(EchoedText.MaxListed).Select(EchoedText.Cut));
        return repeated.Count > EchoedText.MaxListed
            ? shown + " and " + (repeated.Count - EchoedText.MaxListed).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more"
            : shown;
    }
}
