using System.Globalization;

namespace Webhook.Sources;

/// <summary>Sums up what a source left out of its snapshot, for <see cref="SnapshotStore.ReportProblem"/> (readiness detail).</summary>
internal static class SourceProblems
{
    /// <summary>Null when there is nothing to report; else the first problem, and how many more there are.</summary>
    public static string? Summarize(IReadOnlyList<string> problems) => problems.Count switch
    {
        0 => null,
        1 => problems[0],
        _ => problems[0] + string.Create(CultureInfo.InvariantCulture, $" (and {problems.Count - 1} more problems; see the log)"),
    };
}
