using System.Text;
using Webhook.Text;

namespace Webhook.Tests.Text;

/// <summary>
/// Values echoed into warnings, answers and logs stay on one line without control characters (shared spec §11) and
/// are cut to <see cref="EchoedText.MaxCharacters"/> characters with their full length stated.
/// </summary>
public sealed class EchoedTextTests
{
    [Theory]
    [InlineData("app", "\"app\"")]
    [InlineData("", "\"\"")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("ns/näme", "\"ns/näme\"")]
    public void Quote_PrintableText_IsQuotedAsIs(string value, string expected) => Assert.Equal(expected, EchoedText.Quote(value));

    [Theory]
    [InlineData("app\n", "\"app\\n\"")]
    [InlineData("a\r\nb", "\"a\\r\\nb\"")]
    [InlineData("a\tb", "\"a\\tb\"")]
    [InlineData("a\u0000b\u001b", "\"a\\u0000b\\u001b\"")]
    [InlineData("x\u007f\u0085", "\"x\\u007f\\u0085\"")]
    public void Quote_ControlCharacters_AreEscaped(string value, string expected) => Assert.Equal(expected, EchoedText.Quote(value));

    [Fact]
    public void Quote_OneMebibyteValue_IsCutAndStatesItsLength()
    {
        var value = new string('x', 1 << 20);

        Assert.Equal("\"" + new string('x', EchoedText.MaxCharacters) + "…\" (1048576 characters)", EchoedText.Quote(value));
    }

    [Fact]
    public void Quote_ValueOfExactlyTheLimit_IsWhole()
        => Assert.Equal("\"" + new string('x', EchoedText.MaxCharacters) + "\"", EchoedText.Quote(new string('x', EchoedText.MaxCharacters)));

    [Fact]
    public void Cut_ShortValue_IsTheSameString()
    {
        var value = "app-1";

        Assert.Same(value, EchoedText.Cut(value));
    }

    [Fact]
    public void Cut_LongValue_KeepsThePrefixAndStatesTheLength()
        => Assert.Equal(new string('a', EchoedText.MaxCharacters) + "… (300 characters)", EchoedText.Cut(new string('a', 300)));

    [Fact]
    public void Cut_AtASurrogatePair_DoesNotSplitIt()
    {
        var value = new string('a', EchoedText.MaxCharacters - 1) + "😀" + new string('b', 10);

        var cut = EchoedText.Cut(value);

        Assert.Equal(new string('a', EchoedText.MaxCharacters - 1) + "… (211 characters)", cut);
    }

    [Fact]
    public void CutUtf8_SixMebibytes_IsCutWithTheLengthInCharacters()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('é', 3 << 20));

        Assert.Equal(new string('é', EchoedText.MaxCharacters) + "… (3145728 characters)", EchoedText.CutUtf8(bytes));
    }

    [Theory]
    [InlineData("Pod")]
    [InlineData("")]
    public void CutUtf8_ShortText_IsDecodedWhole(string text) => Assert.Equal(text, EchoedText.CutUtf8(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void List_ManyValues_NamesTheFirstFewAndCountsTheRest()
    {
        var values = Enumerable.Range(0, 32_000).Select(i => "c" + i).ToList();

        Assert.Equal("\"c0\", \"c1\", \"c2\", \"c3\", \"c4\" and 31995 more", EchoedText.List(values, 0, values.Count));
    }

    [Fact]
    public void List_FewValues_NamesThemAll() => Assert.Equal("\"b\", \"c\"", EchoedText.List(["a", "b", "c"], 1, 2));
}
