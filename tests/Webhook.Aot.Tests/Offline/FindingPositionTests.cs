using System.Text.Json.Nodes;

namespace Webhook.Tests.Offline;

/// <summary>
/// Where <c>-o json</c> puts each finding: the file, the 1-based document, the line and the field, read from real
/// multi-document YAML and JSON files, for Instrumentations from <c>inject --instrumentations DIR</c> as much as for
/// the input itself. Lines are found in the files by their text, so each assertion says which line is meant.
/// </summary>
public sealed class FindingPositionTests : IDisposable
{
    /// <summary>Three documents after a comment: a nameless Namespace, a usable Instrumentation with two warnings, and one with a bad field deep in its spec.</summary>
    private static readonly string[] s_folderYaml =
    [
        "# Instrumentations of the shop\napiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {team: shop}\n",
        "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: good\n  namespace: shop\nspec:\n  exporter:\n"
            + "    endpoint: https://collector.observability:4318\n  sampler:\n    type: parentbased_always_on\n  java:\n    volumeLimitSize: 200Mi\n",
        "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: broken\n  namespace: shop\nspec:\n  java:\n    env:\n"
            + "      - name: OTEL_A\n        value: a\n      - name: OTEL_B\n        valueFrom:\n          configMapKeyRef:\n            name: settings\n"
            + "            key: b\n            optional: maybe\n",
    ];

    private const string FolderJson = "{\n  \"apiVersion\": \"opentelemetry.io/v1alpha1\",\n  \"kind\": \"Instrumentation\",\n"
        + "  \"metadata\": {\"name\": \"json\", \"namespace\": \"shop\"},\n  \"spec\": {\n    \"sampler\": {\"type\": \"always\"}\n  }\n}\n";

    private readonly InjectFixture _files = new();

    [Fact]
    public void Inject_ExplainJson_FolderFindings_CarryFileDocumentLineAndField()
    {
        var yaml = _files.Write("otel/a-instrumentations.yaml", s_folderYaml);
        var duplicate = _files.Write("otel/b-duplicate.yaml", "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: x\n  name: y\n");
        var json = _files.Write("otel/c-sampler.json", FolderJson);
        var input = _files.Write("app.yaml", InjectFixture.Deployment("cart", "shop", "{" + InjectFixture.JavaAnnotation + ": \"good\"}"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"), "--explain", "-o", "json");

        Assert.Equal((1, ""), (run.ExitCode, run.Errors));
        var positions = Findings(run.Output).Where(f => (string?)f["file"] != input).Select(Position).ToList();
        Assert.Equal(
        [
            ("namespace-unnamed", yaml, 1, LineOf(yaml, 1, "metadata:"), "metadata.name"),
            ("instrumentation-warning", yaml, 2, LineOf(yaml, 2, "    endpoint: https://collector.observability:4318"), "spec.exporter.endpoint"),
            ("instrumentation-warning", yaml, 2, LineOf(yaml, 2, "    volumeLimitSize: 200Mi"), "spec.java.volumeLimitSize"),
            ("instrumentation-loaded", yaml, 2, LineOf(yaml, 2, "apiVersion: opentelemetry.io/v1alpha1"), null),
            ("instrumentation-invalid", yaml, 3, LineOf(yaml, 3, "            optional: maybe"), "spec.java.env[1].valueFrom.configMapKeyRef.optional"),
            ("input-unreadable", duplicate, 1, LineOf(duplicate, 1, "  name: y"), "metadata.name"),
            ("instrumentation-invalid", json, 1, LineOf(json, 1, "    \"sampler\": {\"type\": \"always\"}"), "spec.sampler.type"),
        ], positions);
    }

    [Fact]
    public void Inject_ExplainJson_FolderFindings_KeepTheMessagesTheTextPrints()
    {
        _files.Write("otel/a-instrumentations.yaml", s_folderYaml);
        var input = _files.Write("app.yaml", InjectFixture.Deployment("cart", "shop", "{" + InjectFixture.JavaAnnotation + ": \"good\"}"));
        string[] arguments = ["-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"), "--explain"];

        var text = InjectFixture.Run(arguments);
        var json = InjectFixture.Run([.. arguments, "-o", "json"]);

        var lines = text.Errors.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static l => !l.EndsWith(" is invalid and was skipped:", StringComparison.Ordinal)).ToList();
        var findings = Findings(json.Output);
        Assert.Equal(lines.Count, findings.Count);
        Assert.All(lines.Zip(findings), pair => Assert.EndsWith((string)pair.Second["message"]!, pair.First, StringComparison.Ordinal));
        Assert.Contains("a-instrumentations.yaml:" + LineOf(Path.Combine(_files.Folder, "otel", "a-instrumentations.yaml"), 3, "            optional: maybe")
            + ": spec.java.env[1].valueFrom.configMapKeyRef.optional: must be a boolean", text.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_Json_ServiceInAnotherNamespace_IsPlacedAtTheFolderInstrumentationsEndpoint()
    {
        var folderFile = _files.Write("otel/otel.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
            "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: otel\n  namespace: shop\nspec:\n  exporter:\n"
                + "    endpoint: http://demo-collector:4318\n  sampler:\n    type: parentbased_always_on\n");
        var input = _files.Write("app.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: demo-collector\n  namespace: observability\nspec:\n  ports: [{port: 4318}]\n",
            InjectFixture.Deployment("cart", "shop", "{" + InjectFixture.JavaAnnotation + ": \"true\"}"));

        var run = InjectFixture.Run("-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"), "-o", "json");

        var note = Assert.Single(Findings(run.Output), static f => (string)f["code"]! == "service-in-other-namespace");
        Assert.Equal(("service-in-other-namespace", folderFile, 2, LineOf(folderFile, 2, "    endpoint: http://demo-collector:4318"), "spec.exporter.endpoint"), Position(note));
    }

    [Fact]
    public void Inject_ExplainJson_Decisions_SitAtTheAnnotationThatAskedElseAtTheDocument()
    {
        var input = _files.Write("app.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    " + InjectFixture.JavaAnnotation + ": \"true\"\n",
            InjectFixture.Instrumentation("otel", "shop"),
            "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\n  namespace: shop\nspec:\n  schedule: \"@daily\"\n  jobTemplate:\n    spec:\n"
                + "      template:\n        metadata:\n          annotations:\n            " + InjectFixture.JavaAnnotation + ": \"otel\"\n"
                + "        spec:\n          restartPolicy: Never\n          containers:\n            - name: app\n              image: example/report:1\n",
            InjectFixture.Deployment("cart", "shop", "{}"));

        var run = InjectFixture.Run("-f", input, "--explain", "-o", "json");

        var injected = Findings(run.Output).Where(static f => (string)f["code"]! == "injected").Select(Position).ToList();
        Assert.Equal(
        [
            ("injected", input, 3, LineOf(input, 3, "            " + InjectFixture.JavaAnnotation + ": \"otel\""),
                "spec.jobTemplate.spec.template.metadata.annotations[" + InjectFixture.JavaAnnotation + "]"),
            ("injected", input, 4, LineOf(input, 4, "apiVersion: apps/v1"), null),
        ], injected);
    }

    [Fact]
    public void Validate_Json_FolderOfFiles_PlacesWarningsAndDeepErrorsAtTheirFields()
    {
        var yaml = _files.Write("otel/a-instrumentations.yaml", s_folderYaml);
        var json = _files.Write("otel/c-sampler.json", FolderJson);

        var run = InjectFixture.Shell("validate", "-f", Path.Combine(_files.Folder, "otel"), "-o", "json");

        Assert.Equal((1, ""), (run.ExitCode, run.Errors));
        var positions = Findings(run.Output).Where(static f => (string)f["code"]! != "exporter-endpoint").Select(Position).ToList();
        Assert.Equal(
        [
            ("not-an-instrumentation", yaml, 1, LineOf(yaml, 1, "apiVersion: v1"), null),
            ("instrumentation-warning", yaml, 2, LineOf(yaml, 2, "    endpoint: https://collector.observability:4318"), "spec.exporter.endpoint"),
            ("instrumentation-warning", yaml, 2, LineOf(yaml, 2, "    volumeLimitSize: 200Mi"), "spec.java.volumeLimitSize"),
            ("instrumentation-invalid", yaml, 3, LineOf(yaml, 3, "            optional: maybe"), "spec.java.env[1].valueFrom.configMapKeyRef.optional"),
            ("instrumentation-invalid", json, 1, LineOf(json, 1, "    \"sampler\": {\"type\": \"always\"}"), "spec.sampler.type"),
        ], positions);
    }

    [Fact]
    public void Validate_Json_SamplerWithoutType_IsPlacedAtTheSampler()
    {
        var input = _files.Write("otel.yaml",
            "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: first\n",
            "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: second\nspec:\n  sampler:\n    argument: \"0.5\"\n");

        var run = InjectFixture.Shell("validate", "-f", input, "-o", "json");

        var warnings = Findings(run.Output).Where(static f => (string)f["code"]! == "instrumentation-warning").Select(Position).ToList();
        Assert.Equal(
        [
            ("instrumentation-warning", input, 1, LineOf(input, 1, "apiVersion: opentelemetry.io/v1alpha1"), "spec.sampler"),
            ("instrumentation-warning", input, 2, LineOf(input, 2, "  sampler:"), "spec.sampler"),
        ], warnings);
    }

    public void Dispose() => _files.Dispose();

    private static List<JsonObject> Findings(string output) => JsonNode.Parse(output)!.AsArray().Select(static f => f!.AsObject()).ToList();

    private static (string Code, string? File, int? Document, int? Line, string? Path) Position(JsonObject finding)
        => ((string)finding["code"]!, (string?)finding["file"], (int?)finding["document"], (int?)finding["line"], (string?)finding["path"]);

    /// <summary>The 1-based line of <paramref name="text"/> inside the given document of a file whose documents are joined by <c>---</c> lines.</summary>
    private static int LineOf(string file, int document, string text)
    {
        var lines = File.ReadAllLines(file);
        var current = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] == "---")
            {
                current++;
            }
            else if (current == document && lines[i] == text)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException("no line '" + text + "' in document " + document + " of " + file);
    }
}
