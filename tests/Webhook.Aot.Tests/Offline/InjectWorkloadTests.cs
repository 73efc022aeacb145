using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Json;
using static Webhook.Tests.Offline.PodSpecs;

namespace Webhook.Tests.Offline;

/// <summary><c>inject</c> on Pods and workloads: where the template is, what the pod is told about its owner, what stays as it was.</summary>
public sealed class InjectWorkloadTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string, string, string> Kinds => new()
    {
        { "apps/v1", "Deployment", "spec.template", "k8s.deployment.name=shop" },
        { "apps/v1", "StatefulSet", "spec.template", "k8s.statefulset.name=shop" },
        { "apps/v1", "DaemonSet", "spec.template", "k8s.daemonset.name=shop" },
        { "apps/v1", "ReplicaSet", "spec.template", "k8s.replicaset.name=shop" },
        { "batch/v1", "Job", "spec.template", "k8s.job.name=shop" },
        { "batch/v1", "CronJob", "spec.jobTemplate.spec.template", "k8s.cronjob.name=shop" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Inject_WorkloadKind_InjectsItsPodTemplateAsOwnedByTheWorkload(string apiVersion, string kind, string templatePath, string ownerAttribute)
    {
        var workload = Workload(apiVersion, kind, templatePath.Split('.'));
        var input = _files.Write("workload.yaml", InjectFixture.Instrumentation("otel", "demo"), Yaml(workload));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        var template = PodSpecs.At(run.Document(1), templatePath.Split('.'));
        var spec = (JsonObject)template["spec"]!;
        Assert.True(IsJavaInjected(spec), run.Errors);
        Assert.Equal("shop", Env(spec, "app", "OTEL_SERVICE_NAME"));
        var attributes = Env(spec, "app", "OTEL_RESOURCE_ATTRIBUTES")!;
        Assert.Contains(ownerAttribute + ",", attributes, StringComparison.Ordinal);
        Assert.Contains("k8s.namespace.name=demo,", attributes, StringComparison.Ordinal);
        Assert.False(((JsonObject)template["metadata"]!).ContainsKey("ownerReferences"));
        Assert.False(((JsonObject)template["metadata"]!).ContainsKey("namespace"));
    }

    [Fact]
    public void Inject_Deployment_LeavesTheUnknowableReplicaSetNameOut()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        var attributes = Env(PodSpecs.At(run.Document(1), "spec", "template", "spec"), "app", "OTEL_RESOURCE_ATTRIBUTES")!;
        Assert.DoesNotContain("k8s.replicaset.name", attributes, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_Pod_InjectsThePodAsItIs()
    {
        var pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: worker
              namespace: demo
              annotations: {instrumentation.opentelemetry.io/inject-java: "true"}
            spec:
              containers: [{name: app, image: example/worker:2.0.0}]
            """;
        var input = _files.Write("pod.yaml", InjectFixture.Instrumentation("otel", "demo"), pod);

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        var spec = PodSpecs.At(run.Document(1), "spec");
        Assert.True(IsJavaInjected(spec), run.Errors);
        Assert.Equal("worker", Env(spec, "app", "OTEL_SERVICE_NAME"));
    }

    [Fact]
    public void Inject_DocumentsThatAreNotWorkloads_PassThroughUnchanged()
    {
        var configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: demo}\ndata: {level: \"3\", mode: fast}";
        var service = "apiVersion: v1\nkind: Service\nmetadata: {name: shop}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n  futureField: [1.50, true, null]";
        var ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: demo, annotations: {team: shop}}";
        var instrumentation = InjectFixture.Instrumentation("otel", "demo");
        var input = _files.Write("mixed.yaml", configMap, service, ns, instrumentation);

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        // Literal: the same documents in the block style inject writes, scalars as they were (1.50, the quoted "3").
        Assert.Equal("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: demo
            data:
              level: "3"
              mode: fast
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: shop
            spec:
              ports:
              - port: 80
                targetPort: 8080
              futureField:
              - 1.50
              - true
              - null
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: demo
              annotations:
                team: shop
            ---
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: otel
              namespace: demo
            spec:
              exporter:
                endpoint: http://collector:4318
              sampler:
                type: parentbased_always_on

            """, run.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Inject_WorkloadWithUnknownFields_ChangesOnlyThePodTemplateSpecAndMarker()
    {
        var deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
              namespace: demo
              labels: {tier: web}
              futureMetadata: {kept: true}
            spec:
              futureSpec: 7
              template:
                futureTemplateField: x
                metadata:
                  annotations: {instrumentation.opentelemetry.io/inject-java: "true"}
                spec:
                  futurePodField: {a: [1, 2]}
                  containers:
                    - {name: app, image: example/shop:1.4.2, futureContainerField: kept}
            status: {replicas: 3}
            """;
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), deployment);
        var original = (JsonObject)JsonNode.Parse(DocumentReader.Read(File.ReadAllText(input), input)[1].Json)!;

        var run = InjectFixture.Run("-f", input);

        var injected = run.Document(1);
        var spec = PodSpecs.At(injected, "spec", "template", "spec");
        Assert.True(IsJavaInjected(spec), run.Errors);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":[1,2]}"""), spec["futurePodField"]));
        Assert.Equal("kept", (string?)spec["containers"]![0]!["futureContainerField"]);
        PodSpecs.At(injected, "spec", "template").Remove("spec");
        PodSpecs.At(original, "spec", "template").Remove("spec");
        var metadata = PodSpecs.At(injected, "spec", "template", "metadata");
        Assert.Equal("true", (string?)metadata["labels"]?[InjectedMarker.LabelName]);
        Assert.Equal("demo/otel", Assert.Single(InjectedMarker.Read((string?)metadata["annotations"]?[InjectedMarker.AnnotationName])).Instrumentation);
        metadata.Remove("labels");
        metadata["annotations"]!.AsObject().Remove(InjectedMarker.AnnotationName);
        Assert.True(JsonNode.DeepEquals(original, injected), "expected:\n" + original.ToJsonString() + "\nactual:\n" + injected.ToJsonString());
    }

    [Fact]
    public void Inject_OutputInjectedAgain_IsWrittenAsReadWithoutNotes()
    {
        var first = InjectFixture.Run("-f", _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo")));
        Assert.True(IsJavaInjected(PodSpecs.At(first.Document(1), "spec", "template", "spec")), first.Errors);

        var again = InjectFixture.Run("-f", _files.Write("injected.yaml", first.Output));

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first.Output, again.Output);
        Assert.DoesNotContain("metadata.annotations", again.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_WorkloadThatAsksForNothing_IsWrittenAsRead()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo", templateAnnotations: "{team: shop}"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(YamlWriter.ToYaml(DocumentReader.Read(File.ReadAllText(input), input)), run.Output);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public void Inject_WorkloadOfAnotherApiVersion_PassesThroughAndSaysWhy()
    {
        var old = InjectFixture.Deployment("shop", "demo").Replace("apps/v1", "extensions/v1beta1", StringComparison.Ordinal);
        var input = _files.Write("old.yaml", InjectFixture.Instrumentation("otel", "demo"), old);

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(0, run.ExitCode);
        Assert.False(IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
        Assert.Contains("(Deployment \"shop\"): apiVersion \"extensions/v1beta1\" is not apps/v1", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_WorkloadWithoutATemplateObject_ExitsOneAndStillWritesEveryDocument()
    {
        var broken = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: demo}\nspec: {template: oops}";
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), broken, InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("document 2 (StatefulSet \"db\"): spec.template: missing or not an object", run.Errors, StringComparison.Ordinal);
        Assert.Equal("oops", (string?)run.Document(1)["spec"]!["template"]);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(2), "spec", "template", "spec")));
    }

    [Fact]
    public void Inject_InputThatIsNotYaml_ExitsOneWithThePosition()
    {
        var input = _files.Write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");

        var run = InjectFixture.Run("-f", input);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith(input + ": document 1, line ", run.Errors, StringComparison.Ordinal);
    }

    private static JsonObject Workload(string apiVersion, string kind, string[] templatePath)
    {
        var workload = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "shop", ["namespace"] = "demo" },
        };
        var parent = workload;
        foreach (var member in templatePath[..^1])
        {
            var child = new JsonObject();
            parent[member] = child;
            parent = child;
        }

        parent[templatePath[^1]] = JsonNode.Parse("""
            {"metadata": {"annotations": {"instrumentation.opentelemetry.io/inject-java": "true"}},
             "spec": {"restartPolicy": "Never", "containers": [{"name": "app", "image": "example/shop:1.4.2"}]}}
            """);
        return workload;
    }

    private static string Yaml(JsonObject document) => YamlWriter.ToYaml(JsonNodes.ToUtf8(document)).TrimEnd('\n');
}
