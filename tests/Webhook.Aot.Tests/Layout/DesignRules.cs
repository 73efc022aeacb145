using System.Text.RegularExpressions;

namespace Webhook.Tests.Layout;

/// <summary>
/// The edges docs/design.md says must never exist, read from its list of lines such as
/// <c>- `Sources` never reaches `Admission`: …</c>; each backquoted name after "never reaches" is a folder of
/// src/Webhook.Aot or, with a dot, a namespace from outside the project.
/// </summary>
public sealed partial record DesignRule(string From, IReadOnlyList<string> Never, string Line)
{
    public static IReadOnlyList<DesignRule> Parse(string markdown)
    {
        var rules = new List<DesignRule>();
        foreach (Match line in RuleLine().Matches(markdown))
        {
            var targets = Quoted().Matches(line.Groups["targets"].Value).Select(static m => m.Groups[1].Value).ToList();
            foreach (var from in Quoted().Matches(line.Groups["from"].Value).Select(static m => m.Groups[1].Value))
            {
                rules.Add(new DesignRule(from, targets, line.Value.Trim()));
            }
        }

        return rules;
    }

    /// <summary>A list item: one or more backquoted folders, "never reaches" or "never reach", then the names up to a colon or the line's end.</summary>
    [GeneratedRegex(@"^- (?<from>(?:`\w+`(?:, | and )?)+) never reach(?:es)? (?<targets>[^:\n]+)", RegexOptions.Multiline)]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"`([\w.]+)`")]
    private static partial Regex Quoted();
}
