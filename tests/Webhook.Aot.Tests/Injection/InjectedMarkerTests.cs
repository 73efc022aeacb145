using System.Text;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// The injected marker: its value (entries, generation, resourceVersion, image, escaping), the shape of the patch
/// operations that add it to pods with and without label and annotation objects, and a marked pod's second pass.
/// </summary>
public sealed class InjectedMarkerTests
{
    private const string JavaImage = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0";
    private const string AnnotationPath = "/metadata/annotations/instrumentation.opentelemetry.io~1injected";
    private const string LabelPath = "/metadata/labels/instrumentation.opentelemetry.io~1injected";

    private static readonly InstrumentationSnapshot s_snapshot = Snapshot("""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo, generation: 3, resourceVersion: "81234", uid: 0f3c}
        spec:
          java: {image: "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0"}
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
          annotations: {instrumentation.opentelemetry.io/inject-java: "true"}
        """);

    private static readonly string s_javaEntry =
        "\"java\":{\"instrumentation\":\"demo/otel\",\"generation\":3,\"resourceVersion\":\"81234\",\"image\":\"" + JavaImage + "\"}";

    [Fact]
    public void Mutate_PodWithLabelsAndAnnotations_AddsBothKeysByTheirEscapedPaths()
    {
        var patch = Patch("""{"metadata":{"name":"app","labels":{"app":"shop"},"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""");

        Assert.Equal("{" + s_javaEntry + "}", (string?)Op(patch, AnnotationPath)["value"]);
        Assert.Equal("true", (string?)Op(patch, LabelPath)["value"]);
        Assert.Equal(2, MetadataOps(patch).Count);
    }

    [Fact]
    public void Mutate_PodWithoutLabels_AddsTheWholeLabelsObject()
    {
        var patch = Patch("""{"metadata":{"name":"app","annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"instrumentation.opentelemetry.io/injected":"true"}"""), Op(patch, "/metadata/labels")["value"]));
        Assert.Equal("add", (string?)Op(patch, AnnotationPath)["op"]);
    }

    [Fact]
    public void Mutate_PodWithoutAnnotations_AddsTheWholeAnnotationsObject()
    {
        var patch = Patch("""{"metadata":{"name":"app","labels":{}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""");

        var annotations = Op(patch, "/metadata/annotations")["value"]!.AsObject();
        Assert.Equal(["instrumentation.opentelemetry.io/injected"], annotations.Select(p => p.Key));
        Assert.Equal("add", (string?)Op(patch, LabelPath)["op"]);
    }

    [Fact]
    public void Mutate_PodWithoutMetadata_AddsMetadataWithBoth()
    {
        var patch = Patch("""{"spec":{"containers":[{"name":"app","image":"app:1"}]}}""");

        var metadata = Op(patch, "/metadata")["value"]!;
        Assert.Equal("true", (string?)metadata["labels"]!["instrumentation.opentelemetry.io/injected"]);
        Assert.Equal("{" + s_javaEntry + "}", (string?)metadata["annotations"]!["instrumentation.opentelemetry.io/injected"]);
        Assert.Single(MetadataOps(patch));
    }

    [Fact]
    public void Mutate_PodAlreadyLabelled_LeavesTheLabelAlone()
    {
        var patch = Patch("""{"metadata":{"labels":{"instrumentation.opentelemetry.io/injected":"true"},"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""");

        Assert.Equal([AnnotationPath], MetadataOps(patch).Select(op => (string)op["path"]!));
    }

    [Fact]
    public void Mutate_Patch_WritesTheValueWithReadableEscapes()
    {
        var patch = Encoding.UTF8.GetString(PatchBytes("""{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}"""));

        Assert.Contains("\"value\":\"{\\\"java\\\":{\\\"instrumentation\\\":\\\"demo/otel\\\",\\\"generation\\\":3,", patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_PodMarkedForTheLanguage_GetsNoPatchNoWarningAndSaysWhy()
    {
        var result = Mutate("""{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true","instrumentation.opentelemetry.io/injected":"{\"java\":{}}"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""");

        Assert.Null(result.Patch);
        Assert.Empty(result.Warnings);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal(new InjectionDecision("java", false, "already injected: metadata.annotations[instrumentation.opentelemetry.io/injected] names it"), decision);
    }

    [Fact]
    public void Mutate_PodMarkedForAnotherLanguage_KeepsThatEntryAfterTheNewOneInInjectionOrder()
    {
        var earlier = "{\"nodejs\":{\"instrumentation\":\"demo/old\",\"generation\":1}}";
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { ["instrumentation.opentelemetry.io/inject-java"] = "true", [InjectedMarker.AnnotationName] = earlier },
            },
            ["spec"] = JsonNode.Parse("""{"containers":[{"name":"app","image":"app:1"}]}"""),
        };

        var value = (string?)Op(Patch(pod.ToJsonString()), AnnotationPath)["value"];

        Assert.Equal("{" + s_javaEntry + ",\"nodejs\":{\"instrumentation\":\"demo/old\",\"generation\":1}}", value);
    }

    [Fact]
    public void Mutate_UserSetsNodeNameEnvWithoutMarker_StillWarns()
    {
        var result = Mutate("""{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1","env":[{"name":"OTEL_RESOURCE_ATTRIBUTES_NODE_NAME","value":"x"}]}]}}""");

        Assert.Null(result.Patch);
        Assert.Equal(WarningReason.AlreadyInstrumented, Assert.Single(result.Warnings).Reason);
    }

    [Fact]
    public void Read_ValueOfThePatch_GivesTheInstrumentationGenerationResourceVersionAndImage()
    {
        var entry = Assert.Single(InjectedMarker.Read("{" + s_javaEntry + "}"));

        Assert.Equal(new InjectedMarker.Entry("java", "demo/otel", 3, "81234", JavaImage, s_javaEntry["\"java\":".Length..]), entry);
    }

    [Fact]
    public void Read_OddEntries_AreSkippedAndFieldsOfOtherTypesAreNull()
    {
        var entries = InjectedMarker.Read("""{"java":"x","sdk":{"instrumentation":"a/b","generation":"3","image":7},"nodejs":{}}""");

        Assert.Equal(["sdk", "nodejs"], entries.Select(e => e.Language));
        Assert.Equal(new InjectedMarker.Entry("sdk", "a/b", null, null, null, """{"instrumentation":"a/b","generation":"3","image":7}"""), entries[0]);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("true", 0)]
    [InlineData("[\"java\"]", 0)]
    [InlineData("{\"java\":{},\"sdk\":1,\"deno\":{}}", (1 << (int)Language.Java) | (1 << (int)Language.Sdk))]
    [InlineData("{\"python\":{\"image\":\"x\"},\"nodejs\":{", (1 << (int)Language.Python) | (1 << (int)Language.Nodejs))]
    [InlineData("{\"python\":{\"image\":\"x\"},\"nodej", 1 << (int)Language.Python)]
    [InlineData("{\"apache-httpd\":{}} trailing", 1 << (int)Language.ApacheHttpd)]
    public void Languages_AnyValue_NamesTheLanguagesItHasKeysFor(string? value, int expected)
        => Assert.Equal(expected, InjectedMarker.Languages(value));

    [Fact]
    public void MarkerEntry_InstrumentationWithoutGenerationOrResourceVersion_LeavesThemOut()
    {
        var snapshot = Snapshot("""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata: {name: plain, namespace: demo}
            spec: {}
            """);
        var instrumentation = snapshot.Find("demo", "plain")!;

        Assert.Equal("\\\"sdk\\\":{\\\"instrumentation\\\":\\\"demo/plain\\\"}", Encoding.UTF8.GetString(snapshot.MarkerEntry(instrumentation, InjectionTable.Get(Language.Sdk)).Span));
    }

    private static MutationResult Mutate(string pod)
        => PodMutator.Mutate(Encoding.UTF8.GetBytes(pod), "demo", s_snapshot, InjectionSettings.Defaults);

    private static byte[] PatchBytes(string pod)
    {
        var result = Mutate(pod);
        Assert.Empty(result.Warnings);
        Assert.NotNull(result.Patch);
        return result.Patch.Value.ToArray();
    }

    private static JsonArray Patch(string pod)
    {
        var bytes = PatchBytes(pod);
        var patch = JsonNode.Parse(bytes)!.AsArray();

        // The patch applies, and the pod it gives carries the marker.
        var patched = JsonPatchApplier.Apply(JsonNode.Parse(pod)!, Encoding.UTF8.GetString(bytes));
        Assert.Equal("true", (string?)patched["metadata"]!["labels"]![InjectedMarker.LabelName]);
        Assert.NotEmpty(InjectedMarker.Read((string?)patched["metadata"]!["annotations"]![InjectedMarker.AnnotationName]));
        return patch;
    }

    private static JsonNode Op(JsonArray patch, string path) => Assert.Single(patch, op => (string?)op!["path"] == path)!;

    private static List<JsonNode> MetadataOps(JsonArray patch) => patch.Select(op => op!).Where(op => ((string)op["path"]!).StartsWith("/metadata", StringComparison.Ordinal)).ToList();

    private static InstrumentationSnapshot Snapshot(string yaml)
    {
        var loader = new InstrumentationLoader(ImageDefaults.FromTable);
        var instrumentations = new List<Webhook.Crd.Instrumentation>();
        var namespaces = new List<NamespaceInfo>();
        foreach (var document in DocumentReader.Read(yaml, "marker-test.yaml"))
        {
            if (document.Kind == "Namespace")
            {
                var node = JsonNode.Parse(document.Json)!;
                var annotations = node["metadata"]?["annotations"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];
                namespaces.Add(new NamespaceInfo((string)node["metadata"]!["name"]!, annotations));
                continue;
            }

            var loaded = loader.Load(document);
            Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
            instrumentations.Add(loaded.Instrumentation!);
        }

        return new InstrumentationSnapshot(instrumentations, namespaces);
    }
}
