using Webhook.Injection;

namespace Webhook.Tests.Injection;

/// <summary>The injected-pod marker's value as doctor reads it: per language, never a crash, and a problem that names what is wrong.</summary>
public sealed class InjectedMarkerParseTests
{
    [Fact]
    public void Parse_FullEntry_ReadsEveryField()
    {
        var entries = InjectedMarker.Read("""{"java":{"instrumentation":"shop/otel","generation":3,"resourceVersion":"812","image":"j:2"},"apache-httpd":{"instrumentation":"shop/web"}}""",
            out var problem);

        Assert.Null(problem);
        Assert.Equal(("java", "shop/otel", (long?)3, "812", "j:2"), (entries[0].Language, entries[0].Instrumentation, entries[0].Generation, entries[0].ResourceVersion, entries[0].Image));
        Assert.Equal(("apache-httpd", "shop/web", (long?)null, (string?)null, (string?)null), (entries[1].Language, entries[1].Instrumentation, entries[1].Generation, entries[1].ResourceVersion, entries[1].Image));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Absent_NoEntriesNoProblem(string? value)
    {
        Assert.Empty(InjectedMarker.Read(value, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("{not json", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is not JSON (")]
    [InlineData("true", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is a JSON true, not an object keyed by language")]
    [InlineData("[1]", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is a JSON array, not an object keyed by language")]
    [InlineData("""{"java":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}}}""", "metadata.annotations[instrumentation.opentelemetry.io/injected]: value is not JSON (")]
    public void Parse_NotAnObject_ProblemNamesTheAnnotation(string value, string start)
    {
        Assert.Empty(InjectedMarker.Read(value, out var problem));
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneBadEntry_KeepsTheOthers()
    {
        var entries = InjectedMarker.Read("""{"java":"yes","python":{"instrumentation":"a/b","generation":"2"}}""", out var problem);

        Assert.Equal("metadata.annotations[instrumentation.opentelemetry.io/injected][java]: not an object; entry ignored", problem);
        var entry = Assert.Single(entries);
        Assert.Equal(("python", "a/b", (long?)null), (entry.Language, entry.Instrumentation, entry.Generation));
    }

    [Fact]
    public void Parse_TooLong_Ignored()
    {
        var value = "{\"java\":{\"image\":\"" + new string('x', InjectedMarker.MaxValueLength) + "\"}}";

        Assert.Empty(InjectedMarker.Read(value, out var problem));
        Assert.Equal("metadata.annotations[instrumentation.opentelemetry.io/injected]: value of " + value.Length + " characters is longer than 16384; ignored", problem);
    }
}
