using Webhook.Generators.Parsing;
using Xunit;

namespace Webhook.Generators.Tests.Parsing;

public sealed class JsonCursorTests
{
    [Fact]
    public void Parse_NestedDocument_RecordsLineAndColumnOfEveryValueAndName()
    {
        var root = JsonCursor.Parse("{\n  \"a\": [1, true],\n  \"b\": { \"c\": \"x\" }\n}");

        Assert.Equal((JsonKind.Object, 1, 1), (root.Kind, root.Line, root.Column));
        var a = root.Member("a")!;
        Assert.Equal((2, 3), (a.Line, a.Column));
        Assert.Equal((JsonKind.Array, 2, 8), (a.Value.Kind, a.Value.Line, a.Value.Column));
        Assert.Equal((JsonKind.Number, 2, 9), (a.Value.Items[0].Kind, a.Value.Items[0].Line, a.Value.Items[0].Column));
        Assert.Equal((JsonKind.True, 2, 12), (a.Value.Items[1].Kind, a.Value.Items[1].Line, a.Value.Items[1].Column));
        var c = root.Get("b")!.Member("c")!;
        Assert.Equal((3, 10), (c.Line, c.Column));
        Assert.Equal(("x", 3, 15), (c.Value.Text, c.Value.Line, c.Value.Column));
    }

    [Fact]
    public void Parse_CrLfLineEndings_CountsEachLineOnce()
    {
        var root = JsonCursor.Parse("{\r\n  \"a\":\r\n  1\r\n}");

        var value = root.Get("a")!;
        Assert.Equal((3, 3), (value.Line, value.Column));
    }

    [Fact]
    public void Parse_Members_KeepFileOrder()
    {
        var root = JsonCursor.Parse("{\"z\": 1, \"a\": 2, \"m\": 3}");

        Assert.Equal(["z", "a", "m"], root.Members.Select(m => m.Name));
    }

    [Fact]
    public void Parse_EscapedString_DecodesEveryEscape()
    {
        var value = JsonCursor.Parse("\"a\\u00e9\\n\\t\\\"\\\\\\/\"");

        Assert.Equal("a\u00e9\n\t\"\\/", value.Text);
    }

    [Fact]
    public void Parse_Number_KeepsTheLiteralAsWritten()
    {
        var value = JsonCursor.Parse("-1.50e+3");

        Assert.Equal((JsonKind.Number, "-1.50e+3"), (value.Kind, value.Text));
    }

    [Theory]
    [InlineData("", 1, 1, "unexpected end of file; a value was expected")]
    [InlineData("{\n  \"a\": 1,\n}", 3, 1, "a property name in double quotes was expected")]
    [InlineData("{\"a\" 1}", 1, 6, "':' was expected")]
    [InlineData("{\"a\": 1 \"b\": 2}", 1, 9, "',' or '}' was expected after a property value")]
    [InlineData("[1 2]", 1, 4, "',' or ']' was expected after an array item")]
    [InlineData("{\"a\": \"b", 1, 9, "unterminated string")]
    [InlineData("\"a\tb\"", 1, 3, "control character in a string; escape it")]
    [InlineData("\"a\\xb\"", 1, 4, "unknown escape sequence '\\x'")]
    [InlineData("\"\\u12\"", 1, 4, "\\u must be followed by four hexadecimal digits")]
    [InlineData("[tru]", 1, 2, "unexpected word; true, false or null was expected")]
    [InlineData("[-]", 1, 3, "a digit was expected")]
    [InlineData("[1.]", 1, 4, "a digit was expected after the decimal point")]
    [InlineData("[1e]", 1, 4, "a digit was expected in the exponent")]
    [InlineData("[x]", 1, 2, "unexpected character 'x'; a value was expected")]
    [InlineData("{}\n  x", 2, 3, "unexpected text after the end of the JSON value")]
    public void Parse_MalformedText_ThrowsWithLineAndColumn(string text, int line, int column, string message)
    {
        var error = Assert.Throws<JsonSyntaxException>(() => JsonCursor.Parse(text));

        Assert.Equal((line, column, message), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Parse_DuplicateKey_ThrowsAtTheSecondNameAndNamesTheFirstLine()
    {
        var error = Assert.Throws<JsonSyntaxException>(() => JsonCursor.Parse("{\n  \"name\": 1,\n  \"name\": 2\n}"));

        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Equal("property \"name\" appears twice in one object (first at line 2)", error.Message);
    }

    [Fact]
    public void Parse_SameKeyInDifferentObjects_IsAllowed()
    {
        var root = JsonCursor.Parse("{\"a\": {\"name\": 1}, \"b\": {\"name\": 2}}");

        Assert.Equal("2", root.Get("b")!.Get("name")!.Text);
    }

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_Throws()
    {
        var error = Assert.Throws<JsonSyntaxException>(() => JsonCursor.Parse(new string('[', 300)));

        Assert.Equal((1, 258, "nesting is deeper than 256 levels"), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Parse_CancelledToken_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => JsonCursor.Parse("{\"a\": 1}", cancelled.Token));
    }
}
