using Webhook.Crd;

namespace Webhook.Tests.Crd;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("128Mi", 134217728)]
    [InlineData("500m", 0.5)]
    [InlineData("1e3", 1000)]
    [InlineData("2", 2)]
    public void TryGetAmount_ValidQuantity_GivesItsAmount(string text, double expected)
    {
        Assert.True(Quantity.TryGetAmount(text, out var amount));
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData("1\n")]
    [InlineData("64Mi\n")]
    [InlineData("12x")]
    public void IsValid_TextTheApiServerRefuses_IsFalse(string text)
    {
        // The API server's RE2 matches "$" at the end of the text only.
        Assert.False(Quantity.IsValid(text));
        Assert.False(Quantity.TryGetAmount(text, out _));
    }

    [Theory]
    [InlineData("1e3.5")]
    [InlineData("1e99999999999")]
    [InlineData("1e29")]
    public void TryGetAmount_ExponentWithoutWholeAmount_IsFalseNotAnException(string text)
    {
        Assert.True(Quantity.IsValid(text));
        Assert.False(Quantity.TryGetAmount(text, out _));
    }

    [Theory]
    [InlineData("^[a-z]+$", "^[a-z]+\\z")]
    [InlineData("^[a-z]+\\$", "^[a-z]+\\$")]
    [InlineData("^[a-z]+", "^[a-z]+")]
    public void GoPatternAnchored_FinalDollar_EndsAtTheEndOfTheTextOnly(string pattern, string expected)
    {
        Assert.Equal(expected, GoPattern.Anchored(pattern));
    }
}
