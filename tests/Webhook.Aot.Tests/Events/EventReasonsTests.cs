using Webhook.Events;
using Webhook.Injection;

namespace Webhook.Tests.Events;

/// <summary>Every warning reason has its own Event reason, written in the table of docs/diagnostics.md.</summary>
public sealed class EventReasonsTests
{
    private static readonly string s_diagnostics = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics.md"));

    [Fact]
    public void Of_EveryWarningReason_HasADistinctCamelCaseEventReason()
    {
        var reasons = Enum.GetValues<WarningReason>().Select(EventReasons.Of).ToList();

        Assert.Equal(reasons.Count, reasons.Distinct(StringComparer.Ordinal).Count());
        Assert.All(reasons, reason => Assert.Matches("^[A-Z][A-Za-z]+$", reason));
    }

    [Fact]
    public void Of_EveryWarningReason_IsARowOfTheDocumentedTable()
    {
        var metricLabels = Enum.GetValues<WarningReason>().Select(reason => (reason, Row: "| `" + EventReasons.Of(reason) + "` |"));

        Assert.All(metricLabels, pair => Assert.True(s_diagnostics.Contains(pair.Row, StringComparison.Ordinal),
            "docs/diagnostics.md has no row starting " + pair.Row + " for " + pair.reason));
    }

    [Fact]
    public void Of_LanguageDisabled_IsTheOperatorsReason()
        => Assert.Equal("InstrumentationRequestRejected", EventReasons.Of(WarningReason.LanguageDisabled));
}
