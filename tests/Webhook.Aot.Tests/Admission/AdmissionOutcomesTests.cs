using Webhook.Admission;

namespace Webhook.Tests.Admission;

/// <summary>The one outcome table: every outcome has a row, the metric labels tell outcomes apart, every refusal but a bad request has its words.</summary>
public sealed class AdmissionOutcomesTests
{
    [Fact]
    public void Of_EveryOutcome_HasARowWithItsOwnLabel()
    {
        var rows = Enum.GetValues<AdmissionOutcome>().Select(AdmissionOutcomes.Of).ToList();

        Assert.Equal(rows.Count, rows.Select(static row => row.MetricLabel).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, static row => Assert.Matches("^[a-z_]+$", row.MetricLabel));
    }

    [Theory]
    [InlineData(AdmissionOutcome.TooLarge, 413)]
    [InlineData(AdmissionOutcome.UnsupportedMediaType, 415)]
    [InlineData(AdmissionOutcome.Overloaded, 503)]
    public void Of_RefusalAlwaysWordedAlike_HasItsStatusAndMessage(AdmissionOutcome outcome, int status)
    {
        var row = AdmissionOutcomes.Of(outcome);

        Assert.Equal(status, row.HttpStatus);
        Assert.False(string.IsNullOrEmpty(row.Message));
    }

    [Fact]
    public void Message_TooLarge_NamesTheCapOfTheRequestBody()
        => Assert.Contains(" " + RequestBody.MaxBytes + " bytes", AdmissionOutcomes.Message(AdmissionOutcome.TooLarge), StringComparison.Ordinal);

    [Fact]
    public void Message_BadRequest_HasNoFixedWordsToSend()
        => Assert.Throws<ArgumentException>(() => AdmissionOutcomes.Message(AdmissionOutcome.BadRequest));
}
