using System.Text.Json;
using System.Text.Json.Nodes;
using Webhook.Commands;
using Webhook.Offline;
using Webhook.Injection;

namespace Webhook.Tests.Offline;

/// <summary>
/// <c>validate -o json</c> and <c>inject --explain -o json</c>: every finding the text tells is in the JSON, with a
/// stable code from the table of docs/cli.md, and nothing else is on standard output.
/// </summary>
public sealed class FindingJsonTests : IDisposable
{
    private static readonly string[] s_members = ["file", "document", "line", "path", "code", "severity", "message", "fix"];

    private readonly InjectFixture _files = new();

    public static IEnumerable<string> AllCodes
        => Enum.GetValues<FindingKind>().Select(static kind => FindingCodes.Of(kind).Code).Concat(Enum.GetValues<WarningReason>().Select(FindingCodes.Of));

    [Fact]
    public void Codes_EveryKindAndWarningReason_HasItsOwnCodeSeverityAndFix()
    {
        var codes = AllCodes.ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]+(-[a-z0-9]+)*$", code));
        Assert.All(Enum.GetValues<FindingKind>(), kind => Assert.NotEmpty(FindingCodes.Of(kind).Fix));
    }

    [Fact]
    public void Codes_EveryCode_IsARowOfTheDocumentedTable()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "cli.md"));

        Assert.All(AllCodes, code => Assert.True(page.Contains("| `" + code + "` |", StringComparison.Ordinal), "docs/cli.md has no row for " + code));
    }

    [Fact]
    public void Validate_Json_HoldsEveryFindingTheTextTells()
    {
        var input = _files.Write("instrumentations.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
            "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: broken\nspec:\n  java:\n    env:\n      - name: OTEL_FOO\n        value: false\n",
            "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: unfinished\nspec:\n  env:\n    - name: OTEL_FOO\n      value: <your-value>\n"
                + "  java:\n    volumeLimitSize: 200Mi\n");

        var text = Run("validate", "-f", input);
        var json = Run("validate", "-f", input, "-o", "json");

        Assert.Equal((1, ""), (json.ExitCode, json.Errors));
        var findings = AssertCompleteFindings(json.Output, text.Errors);
        Assert.True(
            findings.Select(static f => (string)f["code"]!).SequenceEqual(["not-an-instrumentation", "instrumentation-invalid", "instrumentation-warning", "instrumentation-warning", "exporter-endpoint", "placeholder-value"]),
            text.Errors);
        var invalid = findings[1];
        Assert.Equal((input, 2, 15, "spec.java.env[0].value", "error"),
            ((string)invalid["file"]!, (int)invalid["document"]!, (int)invalid["line"]!, (string)invalid["path"]!, (string)invalid["severity"]!));
        Assert.Equal("must be a string, not a boolean; quote it: \"false\"", (string)invalid["message"]!);
        var placeholder = findings[5];
        Assert.Equal((3, 25, "spec.env[0].value", "note"),
            ((int)placeholder["document"]!, (int)placeholder["line"]!, (string)placeholder["path"]!, (string)placeholder["severity"]!));
    }

    [Fact]
    public void Inject_ExplainJson_HoldsEveryFindingTheTextTellsAndNoDocuments()
    {
        var pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  annotations:\n    instrumentation.opentelemetry.io/inject-python: \"missing\"\n"
            + "spec:\n  containers:\n    - name: app\n      image: example/worker:1\n";
        var input = _files.Write("app.yaml",
            InjectFixture.Instrumentation("otel", null),
            "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: demo\n",
            InjectFixture.Deployment("shop", null),
            pod);

        var text = Run("inject", "-f", input, "--explain");
        var json = Run("inject", "-f", input, "--explain", "-o", "json");

        Assert.Equal((text.ExitCode, ""), (json.ExitCode, json.Errors));
        var findings = AssertCompleteFindings(json.Output, text.Errors);
        var codes = findings.Select(static f => (string)f["code"]!).ToHashSet();
        Assert.All(findings, finding => Assert.DoesNotMatch("^(note|warning): ", (string)finding["message"]!));
        Assert.True(codes.IsSupersetOf(["instrumentation-loaded", "collector-not-run", "injected", "containers-added", "injection-instrumentation-not-found", "offline-owner"]),
            string.Join(", ", codes) + "\n" + text.Errors);
        var notFound = findings.Single(static f => (string)f["code"]! == "injection-instrumentation-not-found");
        var annotationLine = Array.IndexOf(File.ReadAllLines(input), "    instrumentation.opentelemetry.io/inject-python: \"missing\"") + 1;
        Assert.Equal((4, "warning", "metadata.annotations[instrumentation.opentelemetry.io/inject-python]", annotationLine),
            ((int)notFound["document"]!, (string)notFound["severity"]!, (string?)notFound["path"], (int)notFound["line"]!));
        Assert.StartsWith("python: not injected: metadata.annotations[inject-python]: no Instrumentation \"missing\"", (string)notFound["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_Json_UnreadableInput_IsOneFindingWithFileAndLine()
    {
        var input = _files.Write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n");

        var json = Run("inject", "-f", input, "-o", "json");

        Assert.Equal(1, json.ExitCode);
        var finding = Assert.Single(JsonNode.Parse(json.Output)!.AsArray())!;
        Assert.Equal(("input-unreadable", "error", input, 1, 5), ((string)finding["code"]!, (string)finding["severity"]!, (string)finding["file"]!, (int)finding["document"]!, (int)finding["line"]!));
    }

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// The output is one JSON array of objects with every member; each finding's message is in a line of the text
    /// run, and the text has no finding line the JSON lacks (headings like "… is invalid:" aside).
    /// </summary>
    private static List<JsonObject> AssertCompleteFindings(string output, string textErrors)
    {
        var findings = JsonNode.Parse(output, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsArray().Select(static f => f!.AsObject()).ToList();
        Assert.All(findings, finding => Assert.Equal(s_members, finding.Select(static member => member.Key)));
        Assert.All(findings, finding => Assert.Contains((string)finding["code"]!, AllCodes));
        var lines = textErrors.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static line => !line.EndsWith(" is invalid:", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines.Count, findings.Count);
        foreach (var (line, finding) in lines.Zip(findings))
        {
            Assert.EndsWith((string)finding["message"]!, line, StringComparison.Ordinal);
        }

        return findings;
    }

    private static InjectRun Run(params string[] arguments) => InjectFixture.Shell(arguments);
}
