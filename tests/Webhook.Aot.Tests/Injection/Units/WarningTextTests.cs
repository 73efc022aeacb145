using Webhook.Injection.Selection;

namespace Webhook.Tests.Injection.Units;

/// <summary>Annotation values in warnings stay on one line without control characters (shared spec §11).</summary>
public sealed class WarningTextTests
{
    [Theory]
    [InlineData("app", "\"app\"")]
    [InlineData("", "\"\"")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("ns/näme", "\"ns/näme\"")]
    public void Quote_PrintableText_IsQuotedAsIs(string value, string expected) => Assert.Equal(expected, WarningText.Quote(value));

    [Theory]
    [InlineData("app\n", "\"app\\n\"")]
    [InlineData("a\r\nb", "\"a\\r\\nb\"")]
    [InlineData("a\tb", "\"a\\tb\"")]
    [InlineData("a\u0000b\u001b", "\"a\\u0000b\\u001b\"")]
    [InlineData("x\u007f\u0085", "\"x\\u007f\\u0085\"")]
    public void Quote_ControlCharacters_AreEscaped(string value, string expected) => Assert.Equal(expected, WarningText.Quote(value));
}
