using Webhook.Injection;

namespace Webhook.Tests.Injection;

/// <summary>The injected-pod marker's value as doctor reads it: per language, and never a crash on a bad value.</summary>
public sealed class InjectedMarkerParseTests
{
    [Fact]
    public void Parse_FullEntry_ReadsEveryField()
    {
        var entries = InjectedMarker.Parse("""{"java":{"instrumentation":"shop/otel","generation":3,"resourceVersion":"812","image":"j:2"},"apache-httpd":{"instrumentation":"shop/web"}}""",
            out var problem);

        Assert.Null(problem);
        Assert.Equal(new InjectedLanguage("shop/otel", 3, "812", "j:2"), entries["java"]);
        Assert.Equal(new InjectedLanguage("shop/web", null, null, null), entries["apache-httpd"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Absent_NoEntriesNoProblem(string? value)
    {
        Assert.Empty(InjectedMarker.Parse(value, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("{not json", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is not JSON (")]
    [InlineData("true", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is a JSON true, not an object keyed by language")]
    [InlineData("[1]", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is a JSON array, not an object keyed by language")]
    [InlineData("""{"java":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}}}""", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is not JSON (")]
    public void Parse_NotAnObject_ProblemNamesTheAnnotation(string value, string start)
    {
        Assert.Empty(InjectedMarker.Parse(value, out var problem));
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneBadEntry_KeepsTheOthers()
    {
        var entries = InjectedMarker.Parse("""{"java":"yes","python":{"instrumentation":"a/b","generation":"2"}}""", out var problem);

        Assert.Equal("metadata.annotations[instrumentation.opentelemetry.io/injected][java]: not an object; entry ignored", problem);
        Assert.Equal(new InjectedLanguage("a/b", null, null, null), Assert.Single(entries).Value);
    }

    [Fact]
    public void Parse_TooLong_Ignored()
    {
        var value = "{\"java\":{\"image\":\"" + new string('x', InjectedMarker.MaxValueLength) + "\"}}";

        Assert.Empty(InjectedMarker.Parse(value, out var problem));
        Assert.Equal("metadata.annotations[instrumentation.opentelemetry.io/injected]: value of " + value.Length + " characters is longer than 16384; ignored", problem);
    }
}
