using System.Text;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;

namespace Webhook.Tests.Injection;

/// <summary>
/// The parts of an injection built once per snapshot (<see cref="PrebuiltInstrumentation"/>): a changed Instrumentation
/// is a new snapshot whose pods get the new bytes; within one snapshot, what does depend on the pod (the platform
/// annotation, the first target's security context) still differs from pod to pod.
/// </summary>
public sealed class PrebuiltInjectionTests
{
    private const string Pod = """
        {"metadata":{"name":"app","annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},
         "spec":{"containers":[{"name":"app","image":"app:1"}]}}
        """;

    [Fact]
    public void Mutate_InstrumentationChangedBetweenAdmissions_SecondPatchHasTheNewValuesOnly()
    {
        var workspace = new InjectionWorkspace();
        var before = Snapshot(Instrumentation("example/java:1", "http://old:4318", "old", "tracecontext"));
        var after = Snapshot(Instrumentation("example/java:2", "http://new:4318", "new", "b3"));

        var first = Mutate(workspace, Pod, before);
        var second = Mutate(workspace, Pod, after);

        Assert.Equal("example/java:1", (string?)InitContainer(first)["image"]);
        Assert.Equal(new[] { "http://old:4318", "old", "tracecontext" }, EnvValues(first, "OTEL_EXPORTER_OTLP_ENDPOINT", "FROM_SPEC", "OTEL_PROPAGATORS"));
        Assert.Equal("example/java:2", (string?)InitContainer(second)["image"]);
        Assert.Equal(new[] { "http://new:4318", "new", "b3" }, EnvValues(second, "OTEL_EXPORTER_OTLP_ENDPOINT", "FROM_SPEC", "OTEL_PROPAGATORS"));
        Assert.DoesNotContain("old", PatchText(second), StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_SnapshotReusedForAnotherPod_EachInitContainerHasItsOwnTargetsSecurityContext()
    {
        var workspace = new InjectionWorkspace();
        var snapshot = Snapshot(Instrumentation("example/java:1", "http://collector:4318", "x", "tracecontext"));
        const string WithContext = """
            {"metadata":{"name":"app","annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},
             "spec":{"containers":[{"name":"app","image":"app:1","securityContext":{"runAsUser": 1000}}]}}
            """;

        var first = Mutate(workspace, WithContext, snapshot);
        var second = Mutate(workspace, Pod, snapshot);

        Assert.Equal(1000, (int?)InitContainer(first)["securityContext"]?["runAsUser"]);
        Assert.Null(InitContainer(second)["securityContext"]);
        // Copied as the pod wrote it (the space included), where the writer would have put it.
        Assert.Contains("\"securityContext\":{\"runAsUser\": 1000},\"volumeMounts\"", Written(workspace, WithContext, snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_PythonPlatformsInOneSnapshot_EachPodCopiesItsPlatformsBuild()
    {
        var workspace = new InjectionWorkspace();
        var snapshot = Snapshot(Instrumentation("example/java:1", "http://collector:4318", "x", "tracecontext"));
        const string Python = """
            {"metadata":{"name":"app","annotations":{"instrumentation.opentelemetry.io/inject-python":"true"PLATFORM}},
             "spec":{"containers":[{"name":"app","image":"app:1"}]}}
            """;

        var glibc = Mutate(workspace, Python.Replace("PLATFORM", "", StringComparison.Ordinal), snapshot);
        var musl = Mutate(workspace, Python.Replace("PLATFORM", ",\"instrumentation.opentelemetry.io/otel-python-platform\":\"musl\"", StringComparison.Ordinal), snapshot);
        var glibcAgain = Mutate(workspace, Python.Replace("PLATFORM", "", StringComparison.Ordinal), snapshot);

        Assert.Equal("/autoinstrumentation/.", (string?)InitContainer(glibc)["command"]![2]);
        Assert.Equal("/autoinstrumentation-musl/.", (string?)InitContainer(musl)["command"]![2]);
        Assert.Equal("/autoinstrumentation/.", (string?)InitContainer(glibcAgain)["command"]![2]);
    }

    private static string Instrumentation(string javaImage, string endpoint, string specEnvValue, string propagator) => $$"""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo}
        spec:
          exporter: {endpoint: "{{endpoint}}"}
          propagators: [{{propagator}}]
          env: [{name: FROM_SPEC, value: "{{specEnvValue}}"}]
          java: {image: "{{javaImage}}"}
        """;

    private static InstrumentationSnapshot Snapshot(string yaml)
    {
        var loader = new InstrumentationLoader(ImageDefaults.FromTable);
        var instrumentations = new List<Webhook.Crd.Instrumentation>();
        foreach (var document in DocumentReader.Read(yaml, "prebuilt-test.yaml"))
        {
            var loaded = loader.Load(document);
            Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
            instrumentations.Add(loaded.Instrumentation!);
        }

        return new InstrumentationSnapshot(instrumentations, []);
    }

    /// <summary>The patch as a JSON array (copied out of the workspace, which the next admission reuses).</summary>
    private static JsonArray Mutate(InjectionWorkspace workspace, string pod, InstrumentationSnapshot snapshot)
    {
        var result = workspace.Mutate(Encoding.UTF8.GetBytes(pod), "demo", snapshot, InjectionSettings.Defaults);
        Assert.NotNull(result.Patch);
        return JsonNode.Parse(result.Patch.Value.Span)!.AsArray();
    }

    private static string PatchText(JsonArray patch) => patch.ToJsonString();

    /// <summary>The patch's bytes as written.</summary>
    private static string Written(InjectionWorkspace workspace, string pod, InstrumentationSnapshot snapshot)
        => Encoding.UTF8.GetString(workspace.Mutate(Encoding.UTF8.GetBytes(pod), "demo", snapshot, InjectionSettings.Defaults).Patch!.Value.Span);

    private static JsonNode InitContainer(JsonArray patch)
        => patch.Single(op => (string?)op!["path"] == "/spec/initContainers")!["value"]![0]!;

    private static string[] EnvValues(JsonArray patch, params string[] names)
    {
        var env = patch.Single(op => (string?)op!["path"] == "/spec/containers/0/env")!["value"]!.AsArray();
        return names.Select(name => (string?)env.Single(e => (string?)e!["name"] == name)!["value"] ?? "(no value)").ToArray();
    }
}
