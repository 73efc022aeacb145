using System.Text;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Sdk;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Table;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// A workspace remembers parts of one pod's answer for the next pod of the workload (the decision's description, the
/// agent's mount path, service.instance.id's namespace part, the resource attributes entry, the prebuilt
/// Instrumentation, the image's version, a namespace's annotations). Each test sends pods one after the other through
/// one workspace, the second differing from the first in the one input a stale memory would miss, and compares every
/// answer (patch bytes, warnings, decisions) with the one the same pod gets from a fresh workspace on a fresh thread
/// (its own text cache: nothing remembered, no string shared with the sequence).
/// </summary>
public sealed class RememberedAnswersTests
{
    private const string Prefix = "instrumentation.opentelemetry.io/";

    [Fact]
    public void Mutate_SamePodInAnotherNamespace_GetsThatNamespacesAttributesAndInstrumentation()
    {
        var snapshot = Snapshot(["shop", "cart"], Instrumentation("otel", "shop"), Instrumentation("otel", "cart"));
        var pod = Pod(containers: ["app"]);

        var answers = AssertEachAsFresh(snapshot, ("shop", pod), ("cart", pod), ("shop", pod));

        Assert.Contains("service.instance.id=cart.", answers[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_SnapshotReplacedByOneWithTheSameInstrumentationEdited_UsesTheNewOne()
    {
        var before = Snapshot(["shop"], Instrumentation("otel", "shop", endpoint: "http://a:4318", attribute: "tier=gold"));
        var after = Snapshot(["shop"], Instrumentation("otel", "shop", endpoint: "http://b:4318", attribute: "tier=gilt"));
        var pod = Pod(containers: ["app"]);

        var answers = AssertEachAsFresh(new Step(before, "shop", pod), new Step(after, "shop", pod), new Step(before, "shop", pod));

        Assert.NotEqual(answers[0], answers[1]);
    }

    [Fact]
    public void Mutate_SameInstrumentationObjectInANewSnapshotAfterAnEdit_UsesTheNewSnapshotsPrebuiltParts()
    {
        // A snapshot rebuilt from the objects it had (a namespace changed) holds the same Instrumentation objects: the
        // context's remembered prebuilt parts, keyed by the object, must be forgotten with the snapshot.
        var instrumentation = Load(Instrumentation("otel", "shop", endpoint: "http://before:4318"));
        var before = new InstrumentationSnapshot([instrumentation], [new NamespaceInfo("shop", new Dictionary<string, string>())]);
        var pod = Pod(containers: ["app"]);
        var shared = new InjectionWorkspace();
        var first = Describe(shared.Mutate(LargePodsBytes(pod), "shop", before, InjectionSettings.Defaults));

        instrumentation.Spec!.Exporter!.Endpoint = "http://after:4318";
        var after = new InstrumentationSnapshot([instrumentation], [new NamespaceInfo("shop", new Dictionary<string, string>())]);
        var fresh = OnFreshThread(() => Describe(new InjectionWorkspace().Mutate(LargePodsBytes(pod), "shop", after, InjectionSettings.Defaults)));

        Assert.Contains("http://before:4318", first, StringComparison.Ordinal);
        Assert.Contains("http://after:4318", fresh, StringComparison.Ordinal);
        Assert.Equal(fresh, Describe(shared.Mutate(LargePodsBytes(pod), "shop", after, InjectionSettings.Defaults)));
    }

    [Fact]
    public void Mutate_SameSnapshotObjectAcrossPodsWhileAnotherSnapshotServedBetween_GivesEachItsOwn()
    {
        // Two snapshots alternate (a watch replacing it back and forth, or two tests' snapshots on one thread).
        var a = Snapshot(["shop"], Instrumentation("otel", "shop", propagators: "tracecontext"));
        var b = Snapshot(["shop"], Instrumentation("otel", "shop", propagators: "b3"));
        var pod = Pod(containers: ["app"]);

        var answers = AssertEachAsFresh(new Step(a, "shop", pod), new Step(b, "shop", pod), new Step(b, "shop", pod), new Step(a, "shop", pod));

        Assert.NotEqual(answers[0], answers[1]);
    }

    [Fact]
    public void Mutate_SamePodNamingAnotherInstrumentationOfTheSameSnapshot_IsDescribedAndConfiguredByIt()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("first", "shop", endpoint: "http://first:4318"), Instrumentation("other", "shop", endpoint: "http://other:4318"));

        var answers = AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"], inject: "first")),
            ("shop", Pod(containers: ["app"], inject: "other")),
            ("shop", Pod(containers: ["app"], inject: "first")));

        Assert.Contains("from Instrumentation shop/other", answers[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_InstrumentationsOfOneNameInTwoNamespaces_AreToldApart()
    {
        var snapshot = Snapshot(["shop", "cart"], Instrumentation("otel", "shop"), Instrumentation("otel", "cart"));

        var answers = AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"], inject: "shop/otel")),
            ("shop", Pod(containers: ["app"], inject: "cart/otel")));

        Assert.Contains("from Instrumentation cart/otel", answers[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("java")]
    [InlineData("nodejs")]
    [InlineData("python")]
    [InlineData("dotnet")]
    [InlineData("sdk")]
    public void Mutate_ContainerNamesOfEqualLengthOrPrefix_GetTheirOwnPathsAndAttributes(string language)
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));

        var answers = AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app1"], language: language)),
            ("shop", Pod(containers: ["app2"], language: language)),
            ("shop", Pod(containers: ["app"], language: language)),
            ("shop", Pod(containers: ["app1", "app2"], language: language, extra: [(Prefix + "container-names", "app1,app2")])),
            ("shop", Pod(containers: ["app1"], language: language)),
            ("shop", Pod(containers: ["app1", "app2"], language: language, extra: [(Prefix + "container-names", "app2,app1")])),
            ("shop", Pod(containers: ["app1", "app2"], language: language, extra: [(Prefix + "container-names", "app2")])),
            ("shop", Pod(containers: ["app2"], language: language)));

        Assert.NotEqual(answers[0], answers[1]);
    }

    [Fact]
    public void Mutate_SamePodAskingForEachLanguageInTurn_GetsEachLanguagesAnswer()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));
        var steps = new List<(string, JsonObject)>();
        foreach (var language in new[] { "java", "nodejs", "python", "dotnet", "sdk", "java", "apache-httpd", "nginx", "java" })
        {
            steps.Add(("shop", Pod(containers: ["app"], language: language)));
        }

        AssertEachAsFresh(snapshot, [.. steps]);
    }

    [Fact]
    public void Mutate_ContainerNamesAnnotationPickingAnotherContainerOfTheSamePod_InjectsThatOne()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));

        AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["web", "api"], extra: [(Prefix + "container-names", "web")])),
            ("shop", Pod(containers: ["web", "api"], extra: [(Prefix + "container-names", "api")])),
            ("shop", Pod(containers: ["web", "api"], extra: [(Prefix + "container-names", "web,api")])),
            ("shop", Pod(containers: ["web", "api"], extra: [(Prefix + "container-names", "web")])));
    }

    [Fact]
    public void Mutate_OneAttributeAnnotationChangedToAValueOfEqualLength_WritesTheNewValue()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));

        AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "aaaa")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "aaab")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/teal", "aaab")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "aaaa"), ("resource.opentelemetry.io/zone", "z")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "aaaa")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/service.version", "aaaa")])),
            ("shop", Pod(containers: ["app"], image: "registry.example/app:1.1")),
            ("shop", Pod(containers: ["app"], image: "registry.example/app:1.2")),
            ("shop", Pod(containers: ["app"], image: "registry.example/app:1.2", podName: "web-2")),
            ("shop", Pod(containers: ["app"], image: "registry.example/app:1.2", replicaSet: "web-7c9d8f6b5")),
            ("shop", Pod(containers: ["app"], image: "registry.example/app:1.2", replicaSet: "web-7c9d8f6b6")));
    }

    [Fact]
    public void Mutate_ServiceInstanceIdAndNamespaceAnnotations_ReplaceTheRememberedNamespacePart()
    {
        var snapshot = Snapshot(["shop", "cart"], Instrumentation("otel", "shop"), Instrumentation("otel", "cart"));

        AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/service.instance.id", "i-1")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/service.namespace", "shop")])),
            ("cart", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/service.namespace", "shop")])),
            ("cart", Pod(containers: ["app"])),
            ("shop", Pod(containers: ["app"])));
    }

    [Fact]
    public void Mutate_ContainersOwnResourceAttributesEntry_IsExtendedNotReplacedByTheRememberedOne()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));

        AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"])),
            ("shop", Pod(containers: ["app"], env: [("OTEL_RESOURCE_ATTRIBUTES", "team=a")])),
            ("shop", Pod(containers: ["app"], env: [("OTEL_RESOURCE_ATTRIBUTES", "k8s.pod.name=mine")])),
            ("shop", Pod(containers: ["app"], env: [("OTEL_RESOURCE_ATTRIBUTES", "")])),
            ("shop", Pod(containers: ["app"])));
    }

    [Theory]
    [InlineData("a+b")]
    [InlineData("caf\u00e9")]
    [InlineData("say \"hi\"")]
    [InlineData("back\\slash")]
    [InlineData("<tag>&'`")]
    [InlineData("\u007f")]
    [InlineData("\ud83d\ude00")]
    public void Mutate_AttributeValueJsonEscapesBetweenPlainOnes_IsWrittenEscapedAndTheNextPlainOneAgainPlain(string escaped)
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));

        var answers = AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "plain")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", escaped)])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", escaped)])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "plain")])),
            ("shop", Pod(containers: ["app"], extra: [("resource.opentelemetry.io/team", "plain")])));

        Assert.NotEqual(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[4]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Mutate_ResourceAttributesEntryAroundTheRememberedSize_IsTheSameWhetherRememberedOrWritten(int fromLimit)
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));
        // The entry's JSON is {"name":"OTEL_RESOURCE_ATTRIBUTES","value":"…"}: padded so it is the limit's size plus fromLimit.
        var baseLength = EntryLength(snapshot, Pod(containers: ["app"], extra: [("resource.opentelemetry.io/pad", "")]));
        var padding = RememberedAttributes.MaxJsonLength + fromLimit - baseLength;
        var padded = Pod(containers: ["app"], extra: [("resource.opentelemetry.io/pad", new string('p', padding))]);
        var other = Pod(containers: ["app"], extra: [("resource.opentelemetry.io/pad", new string('q', padding))]);
        Assert.Equal(RememberedAttributes.MaxJsonLength + fromLimit, EntryLength(snapshot, padded));

        AssertEachAsFresh(snapshot, ("shop", padded), ("shop", padded), ("shop", other), ("shop", padded), ("shop", Pod(containers: ["app"])), ("shop", padded));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Mutate_AttributesAroundTheRememberedCount_AreTheSameWhetherRememberedOrWritten(int fromLimit)
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));
        var baseCount = AttributeCount(snapshot, Pod(containers: ["app"]));
        var extra = RememberedAttributes.MaxEntries + fromLimit - baseCount;
        var many = Pod(containers: ["app"], extra: [.. Enumerable.Range(0, extra).Select(i => ("resource.opentelemetry.io/k" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "v"))]);
        var changedLast = Pod(containers: ["app"], extra: [.. Enumerable.Range(0, extra).Select(i => ("resource.opentelemetry.io/k" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), i == extra - 1 ? "w" : "v"))]);
        Assert.Equal(RememberedAttributes.MaxEntries + fromLimit, AttributeCount(snapshot, many));

        AssertEachAsFresh(snapshot, ("shop", many), ("shop", many), ("shop", changedLast), ("shop", many), ("shop", Pod(containers: ["app"])), ("shop", many));
    }

    [Fact]
    public void Mutate_AfterTheTextCacheIsDroppedBetweenPods_GivesTheSameAnswers()
    {
        var snapshot = Snapshot(["shop", "cart"], Instrumentation("otel", "shop"), Instrumentation("otel", "cart"));
        var shared = new InjectionWorkspace();
        var pods = new[] { ("shop", Pod(containers: ["app"])), ("cart", Pod(containers: ["app"])), ("shop", Pod(containers: ["app"], image: "registry.example/app:2")) };

        foreach (var (ns, pod) in pods.Concat(pods))
        {
            var expected = OnFreshThread(() => Describe(new InjectionWorkspace().Mutate(LargePodsBytes(pod), ns, snapshot, InjectionSettings.Defaults)));
            // More new texts than the thread's cache keeps: it is dropped, so this pod's strings are new objects with the texts of the pod before.
            for (var i = 0; i <= Webhook.Injection.Text.TextCache.Capacity; i++)
            {
                Webhook.Injection.Text.TextCache.Get("filler-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.Equal(expected, Describe(shared.Mutate(LargePodsBytes(pod), ns, snapshot, InjectionSettings.Defaults)));
        }
    }

    [Fact]
    public void Mutate_NamespacesWithFewAndManyAnnotationsAndOneTheSnapshotDoesNotKnow_AnswerByTheirOwn()
    {
        var few = new Dictionary<string, string> { [Prefix + "inject-java"] = "true" };
        var many = Enumerable.Range(0, 20).ToDictionary(i => "example.com/k" + i, i => "v");
        many[Prefix + "inject-nodejs"] = "true";
        var snapshot = new InstrumentationSnapshot(
            [Load(Instrumentation("otel", "few")), Load(Instrumentation("otel", "many")), Load(Instrumentation("otel", "unknown"))],
            [new NamespaceInfo("few", few), new NamespaceInfo("many", many)]);
        var bare = Pod(containers: ["app"], language: null);

        var answers = AssertEachAsFresh(snapshot, ("few", bare), ("many", bare), ("unknown", bare), ("few", bare), ("unknown", bare), ("many", bare));

        Assert.Contains("java True", answers[0], StringComparison.Ordinal);
        Assert.Contains("nodejs True", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("no patch", answers[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AnnotationsToSeventeen.Sixteen)]
    [InlineData(AnnotationsToSeventeen.Seventeen)]
    public void Mutate_PodsWithFewAndManyAnnotationsInTurn_ReadEachPodsOwn(AnnotationsToSeventeen first)
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));
        JsonObject WithAnnotations(int count, string serviceName)
            => Pod(containers: ["app"], extra: [.. Enumerable.Range(0, count - 2).Select(i => ("example.com/k" + i, "v")), ("resource.opentelemetry.io/service.name", serviceName)]);
        var sixteen = WithAnnotations(16, "sixteen");
        var seventeen = WithAnnotations(17, "seventeen");
        var pods = first == AnnotationsToSeventeen.Sixteen ? new[] { sixteen, seventeen, sixteen } : [seventeen, sixteen, seventeen];

        var answers = AssertEachAsFresh(snapshot, [.. pods.Select(p => ("shop", p)), ("shop", Pod(containers: ["app"]))]);

        Assert.Contains("\"OTEL_SERVICE_NAME\",\"value\":\"" + (first == AnnotationsToSeventeen.Sixteen ? "sixteen" : "seventeen") + "\"", answers[0], StringComparison.Ordinal);
        Assert.Contains("\"OTEL_SERVICE_NAME\",\"value\":\"" + (first == AnnotationsToSeventeen.Sixteen ? "seventeen" : "sixteen") + "\"", answers[1], StringComparison.Ordinal);
    }

    public enum AnnotationsToSeventeen
    {
        Sixteen,
        Seventeen,
    }

    [Fact]
    public void Mutate_MarkerLabelWithAndWithoutLabelsAndAlreadySet_IsWrittenForEachPod()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));

        AssertEachAsFresh(snapshot,
            ("shop", Pod(containers: ["app"])),
            ("shop", Pod(containers: ["app"], noLabels: true)),
            ("shop", Pod(containers: ["app"], labels: [("app", "web"), (Prefix + "injected", "true")])),
            ("shop", Pod(containers: ["app"], labels: [("app", "web"), (Prefix + "injected", "false")])),
            ("shop", Pod(containers: ["app"], labels: [])),
            ("shop", Pod(containers: ["app"])));
    }

    [Fact]
    public void Mutate_SettingsChangedBetweenPodsOfOneSnapshot_FollowTheNewSettings()
    {
        var snapshot = Snapshot(["shop"], Instrumentation("otel", "shop"));
        var javaOff = new InjectionSettings(new Dictionary<Language, bool> { [Language.Java] = false });
        var pod = Pod(containers: ["app"]);

        var answers = AssertEachAsFresh(new Step(snapshot, "shop", pod), new Step(snapshot, "shop", pod, javaOff), new Step(snapshot, "shop", pod));

        Assert.NotEqual(answers[0], answers[1]);
    }

    [Fact]
    public void Mutate_ManyThreadsEachWithTheirWorkspace_GiveEachPodItsFreshAnswer()
    {
        var shop = Snapshot(["shop", "cart"], Instrumentation("otel", "shop", attribute: "tier=gold"), Instrumentation("otel", "cart"));
        var edited = Snapshot(["shop", "cart"], Instrumentation("otel", "shop", attribute: "tier=gilt"), Instrumentation("otel", "cart"));
        var steps = new List<Step>();
        foreach (var snapshot in new[] { shop, edited })
        {
            foreach (var ns in new[] { "shop", "cart" })
            {
                foreach (var container in new[] { "app1", "app2" })
                {
                    foreach (var language in new[] { "java", "python" })
                    {
                        steps.Add(new Step(snapshot, ns, Pod(containers: [container], language: language)));
                        steps.Add(new Step(snapshot, ns, Pod(containers: [container], language: language, extra: [("resource.opentelemetry.io/team", "b+c")])));
                    }
                }
            }
        }

        var expected = steps.Select(s => OnFreshThread(() => Describe(new InjectionWorkspace().Mutate(LargePodsBytes(s.Pod), s.Namespace, s.Snapshot, s.Settings)))).ToArray();
        var wrong = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            for (var round = 0; round < 400; round++)
            {
                var i = random.Next(steps.Count);
                var step = steps[i];
                // As the endpoint does: this thread's workspace, rented and given back for each review.
                var workspace = InjectionWorkspace.Rent();
                string got;
                try
                {
                    got = Describe(workspace.Mutate(LargePodsBytes(step.Pod), step.Namespace, step.Snapshot, step.Settings));
                }
                finally
                {
                    InjectionWorkspace.Return(workspace);
                }

                if (got != expected[i])
                {
                    wrong.Enqueue("step " + i + " on thread " + t + ":\nexpected " + expected[i] + "\ngot " + got);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a thread did not finish"));

        Assert.True(wrong.IsEmpty, string.Join("\n\n", wrong.Take(3)));
    }

    private readonly record struct Step(InstrumentationSnapshot Snapshot, string Namespace, JsonObject Pod, InjectionSettings? With = null)
    {
        public InjectionSettings Settings => With ?? InjectionSettings.Defaults;
    }

    /// <summary>Each pod through one workspace after the ones before; each answer equal to the fresh one (which are returned).</summary>
    private static List<string> AssertEachAsFresh(InstrumentationSnapshot snapshot, params (string Namespace, JsonObject Pod)[] pods)
        => AssertEachAsFresh([.. pods.Select(p => new Step(snapshot, p.Namespace, p.Pod))]);

    private static List<string> AssertEachAsFresh(params Step[] steps)
    {
        var shared = new InjectionWorkspace();
        var answers = new List<string>();
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var bytes = LargePodsBytes(step.Pod);
            var fresh = OnFreshThread(() => Describe(new InjectionWorkspace().Mutate(bytes, step.Namespace, step.Snapshot, step.Settings)));
            // The inject command's path (a context of its own per pod) agrees with the fresh workspace.
            var command = OnFreshThread(() => Describe(PodMutator.Mutate(bytes, step.Namespace, step.Snapshot, step.Settings)));
            Assert.Equal(fresh, command);
            var reused = Describe(shared.Mutate(bytes, step.Namespace, step.Snapshot, step.Settings));
            if (reused != fresh)
            {
                Assert.Fail("pod " + i + " of the sequence (namespace " + step.Namespace + ") after\n"
                    + (i > 0 ? steps[i - 1].Pod.ToJsonString() + " in " + steps[i - 1].Namespace : "none") + "\npod " + step.Pod.ToJsonString()
                    + "\nfresh answer:\n" + fresh + "\nanswer after the pods before:\n" + reused);
            }

            answers.Add(fresh);
        }

        return answers;
    }

    private static string OnFreshThread(Func<string> work)
    {
        string? result = null;
        Exception? fault = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                fault = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(1)), "the fresh mutation did not finish");
        if (fault is not null)
        {
            throw new InvalidOperationException("the fresh mutation failed", fault);
        }

        return result!;
    }

    /// <summary>Everything a result says, copied out before the workspace takes the next pod.</summary>
    private static string Describe(MutationResult result)
        => (result.Patch is { } patch ? Encoding.UTF8.GetString(patch.Span) : "no patch")
            + "\n" + string.Join("\n", result.Warnings.Select(w => w.Reason + ": " + w.Message))
            + "\n" + string.Join("\n", result.Decisions.Select(d => d.Language + " " + d.Injected + ": " + d.Reason));

    private static byte[] LargePodsBytes(JsonObject pod) => Encoding.UTF8.GetBytes(pod.ToJsonString());

    /// <summary>The resource attributes entry's JSON length in the pod's patch (the one container's).</summary>
    private static int EntryLength(InstrumentationSnapshot snapshot, JsonObject pod)
        => Encoding.UTF8.GetByteCount(new JsonObject { ["name"] = SdkEnv.ResourceAttributesEnv, ["value"] = AttributesValue(snapshot, pod) }.ToJsonString());

    private static int AttributeCount(InstrumentationSnapshot snapshot, JsonObject pod) => AttributesValue(snapshot, pod).Split(',').Length;

    private static string AttributesValue(InstrumentationSnapshot snapshot, JsonObject pod)
    {
        var result = PodMutator.Mutate(LargePodsBytes(pod), "shop", snapshot, InjectionSettings.Defaults);
        var patch = JsonNode.Parse(result.Patch!.Value.Span)!.AsArray();
        foreach (var op in patch)
        {
            if (op!["value"] is JsonArray list)
            {
                foreach (var item in list)
                {
                    if (item is JsonObject entry && (string?)entry["name"] == SdkEnv.ResourceAttributesEnv)
                    {
                        return (string)entry["value"]!;
                    }
                }
            }
        }

        throw new InvalidOperationException("no " + SdkEnv.ResourceAttributesEnv + " in " + Encoding.UTF8.GetString(result.Patch!.Value.Span));
    }

    /// <summary>
    /// A pod of a ReplicaSet's workload asking for <paramref name="language"/> (null: asking nothing itself), its
    /// containers named as given, each with <paramref name="env"/>.
    /// </summary>
    private static JsonObject Pod(string[] containers, string? language = "java", string inject = "true", (string Key, string Value)[]? extra = null,
        (string Key, string Value)[]? labels = null, (string Name, string Value)[]? env = null, string image = "registry.example/app:1.0",
        string podName = "web-1", string replicaSet = "web-7c9d8f6b5", bool noLabels = false)
    {
        var annotations = new JsonObject();
        if (language is not null)
        {
            annotations[Prefix + "inject-" + language] = inject;
        }

        foreach (var (key, value) in extra ?? [])
        {
            annotations[key] = value;
        }

        var containerArray = new JsonArray();
        foreach (var name in containers)
        {
            var container = new JsonObject { ["name"] = name, ["image"] = image };
            if (env is not null)
            {
                container["env"] = new JsonArray([.. env.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["value"] = e.Value })]);
            }

            containerArray.Add((JsonNode)container);
        }

        var metadata = new JsonObject
        {
            ["name"] = podName,
            ["annotations"] = annotations,
            ["ownerReferences"] = new JsonArray(new JsonObject { ["kind"] = "ReplicaSet", ["name"] = replicaSet, ["uid"] = "u-" + replicaSet }),
        };
        if (!noLabels)
        {
            var labelObject = new JsonObject { ["pod-template-hash"] = replicaSet[(replicaSet.LastIndexOf('-') + 1)..] };
            foreach (var (key, value) in labels ?? [])
            {
                labelObject[key] = value;
            }

            metadata["labels"] = labelObject;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = new JsonObject { ["containers"] = containerArray } };
    }

    private static string Instrumentation(string name, string ns, string? endpoint = null, string? attribute = null, string? propagators = null)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata: {name: ").Append(name).Append(", namespace: ").Append(ns).Append("}\nspec:\n");
        yaml.Append("  exporter: {endpoint: \"").Append(endpoint ?? "http://collector:4318").Append("\"}\n");
        if (attribute is not null)
        {
            var at = attribute.IndexOf('=', StringComparison.Ordinal);
            yaml.Append("  resource:\n    addK8sUIDAttributes: true\n    resourceAttributes: {").Append(attribute[..at]).Append(": ").Append(attribute[(at + 1)..]).Append("}\n");
        }

        if (propagators is not null)
        {
            yaml.Append("  propagators: [").Append(propagators).Append("]\n");
        }

        return yaml.ToString();
    }

    private static Webhook.Crd.Instrumentation Load(string yaml) => TestInstrumentations.Load(yaml);

    private static InstrumentationSnapshot Snapshot(string[] namespaces, params string[] instrumentations)
        => new([.. instrumentations.Select(Load)], [.. namespaces.Select(ns => new NamespaceInfo(ns, new Dictionary<string, string>()))]);
}
