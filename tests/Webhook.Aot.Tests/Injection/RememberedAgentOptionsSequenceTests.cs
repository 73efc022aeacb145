using System.Text;
using System.Text.Json.Nodes;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// The agent's options naming the container (JAVA_TOOL_OPTIONS) are remembered from pod to pod in one workspace, and
/// the node and pod IPs are put in front together: sequences of pods through one workspace must give, pod by pod,
/// exactly what a fresh workspace gives (other container names, the variable already set or from valueFrom, another
/// language, another Instrumentation or snapshot, names JSON escapes), and the IPs keep the operator's order.
/// </summary>
public sealed class RememberedAgentOptionsSequenceTests
{
    private const string Inject = "instrumentation.opentelemetry.io/inject-";

    private static readonly InstrumentationSnapshot s_first = TestInstrumentations.Snapshot("""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo}
        spec:
          exporter: {endpoint: "http://collector:4318"}
          java: {image: "registry.example/java:1"}
          nodejs: {image: "registry.example/nodejs:1"}
          python: {image: "registry.example/python:1"}
          go: {image: "registry.example/go:1"}
        """);

    private static readonly InstrumentationSnapshot s_second = TestInstrumentations.Snapshot("""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: other, namespace: demo}
        spec:
          exporter: {endpoint: "http://other:4318"}
          java:
            image: "registry.example/java:2"
            env: [{name: JAVA_TOOL_OPTIONS, value: "-Xss1m"}]
        """);

    private static readonly InstrumentationSnapshot s_extensions = TestInstrumentations.Snapshot("""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo}
        spec:
          java:
            image: "registry.example/java:1"
            extensions: [{image: "registry.example/ext:1", dir: /ext}]
        """);

    [Fact]
    public void Mutate_SequencesInOneWorkspace_GiveWhatAFreshWorkspaceGivesPodByPod()
    {
        var steps = new (string Pod, InstrumentationSnapshot Snapshot)[]
        {
            (Pod("java", Container("app")), s_first),
            (Pod("java", Container("web")), s_first),
            (Pod("java", Container("app")), s_first),
            (Pod("java", Container("app", """[{"name":"JAVA_TOOL_OPTIONS","value":"-Xmx1g"}]""")), s_first),
            (Pod("java", Container("app")), s_first),
            (Pod("java", Container("app", """[{"name":"JAVA_TOOL_OPTIONS","valueFrom":{"configMapKeyRef":{"name":"c","key":"k"}}}]""")), s_first),
            (Pod("java", Container("app", """[{"name":"OTEL_POD_IP","value":"1.2.3.4"}]""")), s_first),
            (Pod("java", Container("app")), s_second),
            (Pod("java", Container("app")), s_extensions),
            (Pod("java", Container("app")), s_first),
            (Pod("nodejs", Container("app")), s_first),
            (Pod("python", Container("app")), s_first),
            (Pod("java", Container("app")), s_first),
            (Pod("java", Container("a+b")), s_first),
            (Pod("java", Container("a+b")), s_first),
            (Pod("java", Container("café")), s_first),
            (Pod("java", Container("café")), s_first),
            (Pod("java", Container("<x>")), s_first),
            (Pod("java", Container("app") + "," + Container("web"), containerNames: "app,web"), s_first),
            (Pod("java", Container("web") + "," + Container("app"), containerNames: "web,app"), s_first),
            (Pod("java", Container("app")), s_first),
            (Pod("java", Container("app") + "," + Container("web"), containerNames: "app,web", extraLanguage: "python"), s_first),
            (Pod("go", Container("app"), extraAnnotation: ",\"instrumentation.opentelemetry.io/otel-go-auto-target-exe\":\"/app/main\""), s_first),
            (Pod("java", Container("app")), s_first),
            (Pod("java", Container(new string('n', 1100))), s_first),
            (Pod("java", Container(new string('n', 1100))), s_first),
            (Pod("java", Container("app")), s_first),
        };
        var shared = new InjectionWorkspace();
        var javaPatches = 0;

        foreach (var round in new[] { steps, steps.Reverse().ToArray() })
        {
            for (var i = 0; i < round.Length; i++)
            {
                var (pod, snapshot) = round[i];
                var bytes = Encoding.UTF8.GetBytes(pod);
                var fresh = Describe(new InjectionWorkspace().Mutate(bytes, "demo", snapshot, InjectionSettings.Defaults));
                var reused = Describe(shared.Mutate(bytes, "demo", snapshot, InjectionSettings.Defaults));
                Assert.True(fresh == reused, $"pod {i} of the sequence differs from a fresh workspace's:\n{pod}\nfresh:\n{fresh}\nreused:\n{reused}");
                javaPatches += fresh.Contains("-javaagent:", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.True(javaPatches > 20, $"only {javaPatches} patches with the agent's options: the sequence says little");
    }

    [Theory]
    [InlineData("", "OTEL_NODE_IP,OTEL_POD_IP")]
    [InlineData("""{"name":"OTEL_POD_IP","value":"p"}""", "OTEL_NODE_IP,OTEL_POD_IP")]
    [InlineData("""{"name":"OTEL_NODE_IP","value":"n"}""", "OTEL_POD_IP,OTEL_NODE_IP")]
    [InlineData("""{"name":"OTEL_POD_IP","value":"p"},{"name":"OTEL_NODE_IP","value":"n"}""", "OTEL_POD_IP,OTEL_NODE_IP")]
    [InlineData("""{"name":"OTEL_NODE_IP","value":"n"},{"name":"OTEL_POD_IP","value":"p"}""", "OTEL_NODE_IP,OTEL_POD_IP")]
    [InlineData("""{"name":"A","value":"1"},{"name":"OTEL_POD_IP","value":"p"}""", "OTEL_NODE_IP,A,OTEL_POD_IP")]
    [InlineData("""{"name":"A","value":"1"},{"name":"OTEL_NODE_IP","value":"n"}""", "OTEL_POD_IP,A,OTEL_NODE_IP")]
    [InlineData("""{"name":"A","value":"1"}""", "OTEL_NODE_IP,OTEL_POD_IP,A")]
    public void Mutate_NodeAndPodIps_MissingOnesGoInFrontNodeFirstAndEachNameOnce(string env, string expectedFront)
    {
        // The operator prepends the pod IP when absent, then the node IP when absent: the node IP ends first.
        var pod = Pod("java", Container("app", "[" + env + "]"));
        var shared = new InjectionWorkspace();

        foreach (var workspace in new[] { new InjectionWorkspace(), shared, shared })
        {
            var result = workspace.Mutate(Encoding.UTF8.GetBytes(pod), "demo", s_first, InjectionSettings.Defaults);
            var patched = JsonPatchApplier.Apply(JsonNode.Parse(pod)!, Encoding.UTF8.GetString(result.Patch!.Value.Span));
            var names = patched["spec"]!["containers"]![0]!["env"]!.AsArray().Select(e => (string)e!["name"]!).ToList();

            var front = expectedFront.Split(',');
            Assert.Equal(front, names.Take(front.Length));
            Assert.Equal(1, names.Count(n => n == "OTEL_NODE_IP"));
            Assert.Equal(1, names.Count(n => n == "OTEL_POD_IP"));
        }
    }

    private static string Container(string name, string? env = null)
        => "{\"name\":\"" + name + "\",\"image\":\"app:1\"" + (env is null ? "" : ",\"env\":" + env) + "}";

    private static string Pod(string language, string containers, string? containerNames = null, string? extraLanguage = null, string extraAnnotation = "")
        => "{\"metadata\":{\"name\":\"p\",\"annotations\":{\"" + Inject + language + "\":\"true\""
            + (extraLanguage is null ? "" : ",\"" + Inject + extraLanguage + "\":\"true\"")
            + (containerNames is null ? "" : ",\"instrumentation.opentelemetry.io/container-names\":\"" + containerNames + "\"")
            + extraAnnotation + "}},\"spec\":{\"containers\":[" + containers + "]}}";

    private static string Describe(MutationResult result)
        => (result.Patch is { } patch ? Encoding.UTF8.GetString(patch.Span) : "no patch")
            + "\n" + string.Join("\n", result.Warnings.Select(w => w.Reason + ": " + w.Message))
            + "\n" + string.Join("\n", result.Decisions.Select(d => d.Language + " " + d.Injected + ": " + d.Reason));
}
