namespace Webhook.Generators.Tests.Inputs;

/// <summary>Exact edits of schema text for tests; each fails loudly when the text is not as expected.</summary>
public static class TextEdits
{
    /// <summary>The text with the one occurrence of <paramref name="find"/> replaced; fails unless it occurs exactly once.</summary>
    public static string ReplaceOnce(string text, string find, string replacement)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(find, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("\"" + find + "\" must occur exactly once in the text", nameof(find));
        }

        return text[..first] + replacement + text[(first + find.Length)..];
    }

    /// <summary>
    /// languages.json with its last language entry moved to the front of the <c>languages</c> list. Relies on the
    /// file's layout: each entry opens with a line <c>    {</c> and closes with <c>    }</c> or <c>    },</c>.
    /// </summary>
    public static string MoveLastLanguageFirst(string table)
    {
        var lines = table.Split('\n').ToList();
        var opens = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimEnd('\r') == "    {").ToList();
        var lastOpen = opens[^1];
        var lastClose = Enumerable.Range(lastOpen, lines.Count - lastOpen).First(i => lines[i].TrimEnd('\r') == "    }");
        var entry = lines.GetRange(lastOpen, lastClose - lastOpen + 1);
        lines.RemoveRange(lastOpen, entry.Count);
        lines[lastOpen - 1] = lines[lastOpen - 1].Replace("    },", "    }", StringComparison.Ordinal);
        entry[^1] = entry[^1].Replace("    }", "    },", StringComparison.Ordinal);
        lines.InsertRange(opens[0], entry);
        return string.Join('\n', lines);
    }
}
