using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhook.Tests.Journey;

/// <summary>
/// Where the guide's YAML cannot be applied as written (tests/testdata/guide/NAME.invalid.yaml), validate says where
/// and how to fix it, and examples/guide/NAME.yaml is that fix and nothing more.
/// </summary>
public sealed class GuideInvalidExamplesTests
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "instrumentation-dotnet-excluding", "dotnet" },
        { "instrumentation-java-excluding", "java" },
    };

    [Fact]
    public void GuideTestdata_InvalidFiles_AreTheOnesListedHere()
    {
        var files = Directory.EnumerateFiles(Guide.Testdata, "*.invalid.yaml").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

        Assert.Equal(Invalid.Select(row => (string)row[0] + ".invalid.yaml"), files);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_GuidesUnquotedFalse_NamesTheFieldTheLineAndTheFix(string name, string language)
    {
        var path = Guide.GuideVersion(name + ".invalid.yaml");

        var run = Guide.Run("validate", "-f", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal(
            [
                path + ", document 1 (Instrumentation \"demo-instrumentation\") is invalid:",
                "  " + path + ":19: spec." + language + ".env[0].value: must be a string, not a boolean; quote it: \"false\"",
                "  " + path + ":21: spec." + language + ".env[1].value: must be a string, not a boolean; quote it: \"false\"",
            ],
            run.ErrorLines);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void GuideExample_ComparedWithTheGuidesVersion_OnlyQuotesTheBooleans(string name, string language)
    {
        var guide = Guide.Read(Guide.GuideVersion(name + ".invalid.yaml"));
        var example = Guide.Read(Guide.Example(name + ".yaml"));

        var env = guide["spec"]![language]!["env"]!.AsArray();
        Assert.Equal(2, env.Count);
        Assert.All(env, entry => Assert.Equal(JsonValueKind.False, entry!["value"]!.GetValueKind()));
        foreach (var entry in env)
        {
            entry!["value"] = "false";
        }

        Assert.True(JsonNode.DeepEquals(guide, example), example.ToJsonString());
    }
}
