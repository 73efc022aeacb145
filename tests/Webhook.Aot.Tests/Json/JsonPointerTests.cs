using Webhook.Json;

namespace Webhook.Tests.Json;

/// <summary>RFC 6901 pointers as the patch applier reads them.</summary>
public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("/", new[] { "" })]
    [InlineData("/spec/containers/0", new[] { "spec", "containers", "0" })]
    [InlineData("/a~1b/c~0d", new[] { "a/b", "c~d" })]
    [InlineData("/~01", new[] { "~1" })]
    [InlineData("/~10", new[] { "/0" })]
    public void Parse_Pointer_GivesUnescapedTokens(string pointer, string[] tokens)
    {
        Assert.Equal(tokens, JsonPointer.Parse(pointer));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData("01", null)]
    [InlineData("-1", null)]
    [InlineData("+1", null)]
    [InlineData(" 1", null)]
    [InlineData("-", null)]
    [InlineData("99999999999", null)]
    public void ArrayIndex_Token_IsAnIndexOnlyInRfc6901Form(string token, int? index)
    {
        Assert.Equal(index, JsonPointer.ArrayIndex(token));
    }
}
