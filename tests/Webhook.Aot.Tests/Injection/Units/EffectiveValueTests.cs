using Webhook.Injection;
using Webhook.Injection.Selection;

namespace Webhook.Tests.Injection.Units;

/// <summary>The pod-versus-namespace table of shared spec §4.2, row by row, with the case-insensitive comparisons.</summary>
public sealed class EffectiveValueTests
{
    [Theory]
    [InlineData(null, null, "")]
    [InlineData("", "", "")]
    [InlineData("true", null, "true")]
    [InlineData("my-inst", "", "my-inst")]
    [InlineData("false", "", "false")]
    public void Of_NamespaceEmpty_IsThePodValue(string? pod, string? ns, string expected)
        => Assert.Equal(expected, EffectiveValue.Of(pod, ns));

    [Theory]
    [InlineData(null, "true", "true")]
    [InlineData("", "ns-inst", "ns-inst")]
    [InlineData("", "false", "false")]
    public void Of_PodEmpty_IsTheNamespaceValue(string? pod, string ns, string expected)
        => Assert.Equal(expected, EffectiveValue.Of(pod, ns));

    [Theory]
    [InlineData("false", "true")]
    [InlineData("FALSE", "ns-inst")]
    [InlineData("pod-inst", "ns-inst")]
    [InlineData("pod-inst", "true")]
    [InlineData("other/inst", "false")]
    [InlineData("yes", "true")]
    public void Of_PodNotTrue_IsThePodValue(string pod, string ns)
        => Assert.Equal(pod, EffectiveValue.Of(pod, ns));

    [Theory]
    [InlineData("true", "false")]
    [InlineData("True", "False")]
    [InlineData("TRUE", "fAlSe")]
    public void Of_PodTrueNamespaceFalse_IsThePodTrue(string pod, string ns)
        => Assert.Equal(pod, EffectiveValue.Of(pod, ns));

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "ns-inst")]
    [InlineData("tRUE", "other-ns/inst")]
    [InlineData("true", "TRUE")]
    public void Of_PodTrueNamespaceTrueOrName_IsTheNamespaceValue(string pod, string ns)
        => Assert.Equal(ns, EffectiveValue.Of(pod, ns));

    [Fact]
    public void Of_PodValueWithSpaces_IsNotTreatedAsTrue()
        => Assert.Equal(" true", EffectiveValue.Of(" true", "ns-inst"));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("true", true)]
    [InlineData("my-inst", true)]
    [InlineData("other/inst", true)]
    [InlineData(" false", true)]
    public void Asks_Value_IsAnythingButEmptyAndFalse(string? value, bool asks)
    {
        Assert.Equal(asks, EffectiveValue.Asks(value));
        Assert.Equal(asks, EffectiveValue.Asks(System.Text.Encoding.UTF8.GetBytes(value ?? "")));
    }
}
