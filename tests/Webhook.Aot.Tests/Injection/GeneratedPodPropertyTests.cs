using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// Properties over a few hundred seeded random pods (<see cref="GeneratedPods"/>) against one fixed snapshot: the
/// patch applies; it never duplicates a volume, a mount within a container, an init container, or an env name the
/// input did not already duplicate; unknown fields stay where they were, and where the patch rewrites their array
/// they are copied byte for byte; the patched pod gets no further patch; a pod that asks for nothing gets no patch.
/// A failure names the seed and prints the pod and the patch.
/// </summary>
public sealed class GeneratedPodPropertyTests
{
    private const string Namespace = "prop";
    private const int Pods = 500;

    private const string Instrumentations = """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: main, namespace: prop}
        spec:
          exporter:
            endpoint: "http://collector:4318"
            tls: {secretName: certs, configMapName: ca, ca_file: ca.crt, cert_file: tls.crt, key_file: tls.key}
          propagators: [tracecontext, baggage]
          sampler: {type: parentbased_traceidratio, argument: "0.5"}
          env:
            - {name: OTEL_EXPORTER_OTLP_TIMEOUT, value: "10"}
            - {name: NODE_OPTIONS, valueFrom: {configMapKeyRef: {name: node, key: options}}}
          resource:
            addK8sUIDAttributes: true
            resourceAttributes: {environment: prod, empty: "", equation: "a=b"}
          java:
            env: [{name: OTEL_JAVAAGENT_DEBUG, value: "true"}]
            extensions: [{image: "ext:1", dir: /ext}]
          nodejs:
            volumeClaimTemplate:
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
          python:
            env: [{name: PYTHONPATH, value: /extra}]
          dotnet:
            env: [{name: OTEL_DOTNET_AUTO_LOG_DIRECTORY, value: /tmp}]
        ---
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: alt, namespace: other}
        spec:
          exporter: {endpoint: "http://alt:4318"}
        """;

    private static readonly InstrumentationSnapshot s_snapshot = BuildSnapshot();

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, Pods).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutate_GeneratedPod_KeepsEveryProperty(int seed)
    {
        var generated = GeneratedPods.Create(seed);
        var podJson = generated.Pod.ToJsonString();
        var settings = new InjectionSettings(multiInstrumentation: seed % 3 != 0);
        byte[]? patch = null;
        try
        {
            var result = PodMutator.Mutate(Encoding.UTF8.GetBytes(podJson), Namespace, s_snapshot, settings);
            patch = result.Patch?.ToArray();
            if (!generated.AsksForInjection)
            {
                Assert.True(patch is null, "a pod that asks for no injection got a patch");
                return;
            }

            if (patch is null)
            {
                Assert.True(generated.SkipReasons.Count > 0,
                    "the pod asks for injection, nothing in it explains a skip, and it got no patch; warnings: "
                    + string.Join(" | ", result.Warnings.Select(w => w.Message)));
                Assert.True(result.Warnings.Count > 0, "a pod that asked for injection and got none was not told why; the generator expected: "
                    + string.Join("; ", generated.SkipReasons));
                return;
            }

            var input = JsonNode.Parse(podJson)!;
            var patched = JsonPatchApplier.Apply(input, Encoding.UTF8.GetString(patch));
            AssertNoNewDuplicates(input, patched);
            AssertUnknownFieldsKept(generated, podJson, patch, patched);

            var again = PodMutator.Mutate(Encoding.UTF8.GetBytes(patched.ToJsonString()), Namespace, s_snapshot, settings);
            Assert.True(again.Patch is null, "the patched pod got a second patch: " + (again.Patch is null ? "" : Encoding.UTF8.GetString(again.Patch.Value.Span)));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException || !e.Message.StartsWith("seed ", StringComparison.Ordinal))
        {
            var reason = e is Xunit.Sdk.XunitException ? e.Message : e.ToString();
            throw new Xunit.Sdk.XunitException("seed " + seed + " (multi-instrumentation " + settings.MultiInstrumentation + "): " + reason
                + "\npod: " + podJson + "\npatch: " + (patch is null ? "none" : Encoding.UTF8.GetString(patch)));
        }
    }

    [Fact]
    public void Generator_SameSeed_GivesTheSamePod()
        => Assert.Equal(GeneratedPods.Create(42).Pod.ToJsonString(), GeneratedPods.Create(42).Pod.ToJsonString());

    [Fact]
    public void Generator_Seeds_CoverInjectionSkipsAndUnknownFields()
    {
        var results = Enumerable.Range(1, Pods).Select(seed =>
        {
            var generated = GeneratedPods.Create(seed);
            var result = PodMutator.Mutate(Encoding.UTF8.GetBytes(generated.Pod.ToJsonString()), Namespace, s_snapshot, InjectionSettings.Defaults);
            return (generated, result);
        }).ToList();

        Assert.True(results.Count(r => r.result.Patch is not null) > Pods / 4, "too few pods were injected to say much");
        Assert.Contains(results, r => r.result.Patch is null && r.generated.AsksForInjection);
        Assert.Contains(results, r => !r.generated.HasInjectAnnotation);
        Assert.Contains(results, r => r.result.Patch is not null && r.generated.Unknown.Any(u => u.Owner.Contains("/env:", StringComparison.Ordinal)));
    }

    private static void AssertNoNewDuplicates(JsonNode input, JsonNode patched)
    {
        AssertUnique(Names(patched["spec"]?["volumes"]), "volume");
        AssertUnique(Names(patched["spec"]?["initContainers"]), "init container");
        AssertUnique(Names(patched["spec"]?["containers"]), "container");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in patched["spec"]?[list]?.AsArray() ?? [])
            {
                var name = (string)container!["name"]!;
                AssertUnique(Names(container["volumeMounts"]), "mount in " + name);
                var before = input["spec"]?[list]?.AsArray().FirstOrDefault(c => (string?)c?["name"] == name);
                var inputCounts = Names(before?["env"]).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
                foreach (var group in Names(container["env"]).GroupBy(n => n))
                {
                    var allowed = Math.Max(1, inputCounts.GetValueOrDefault(group.Key));
                    Assert.True(group.Count() <= allowed, "env " + group.Key + " in " + name + " appears " + group.Count() + " times, input had " + allowed);
                }
            }
        }
    }

    /// <summary>
    /// Every unknown field is found again exactly once, under the same owner, with an equal value; where a patch
    /// operation rewrites an array or object holding it, the operation's value holds the field's original bytes.
    /// </summary>
    private static void AssertUnknownFieldsKept(GeneratedPods generated, string podJson, byte[] patch, JsonNode patched)
    {
        var input = JsonNode.Parse(podJson)!;
        var before = Collect(input);
        var after = Collect(patched);
        Assert.Equal(before.Select(f => f.Id).Order(StringComparer.Ordinal), after.Select(f => f.Id).Order(StringComparer.Ordinal));
        foreach (var field in after)
        {
            Assert.True(field.Id.StartsWith(field.Owner + "#", StringComparison.Ordinal), "unknown field " + field.Id + " moved to " + field.Owner);
            var original = before.Single(f => f.Id == field.Id);
            Assert.True(JsonNode.DeepEquals(original.Value, field.Value), "unknown field " + field.Id + " changed");
            Assert.Equal(original.Value.ToJsonString(), field.Value.ToJsonString());
        }

        Assert.Equal(generated.Unknown.Count, before.Count);
        using var operations = JsonDocument.Parse(patch);
        foreach (var field in before)
        {
            var raw = RawValueOf(podJson, field.Id);
            foreach (var operation in operations.RootElement.EnumerateArray())
            {
                var op = operation.GetProperty("op").GetString();
                var path = operation.GetProperty("path").GetString()!;
                var isInsertion = op == "add" && (path.EndsWith("/-", StringComparison.Ordinal) || char.IsAsciiDigit(path[^1]));
                if (isInsertion || !(field.Path == path || field.Path.StartsWith(path + "/", StringComparison.Ordinal)))
                {
                    continue;
                }

                Assert.True(op is "replace" or "add", "operation " + op + " " + path + " drops unknown field " + field.Id);
                Assert.Contains(raw, operation.GetProperty("value").GetRawText(), StringComparison.Ordinal);
            }
        }
    }

    private static List<FoundField> Collect(JsonNode pod)
    {
        var found = new List<FoundField>();
        Walk(pod, "", "pod", found);
        return found;
    }

    private static void Walk(JsonNode? node, string path, string owner, List<FoundField> found)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), OwnerOfItem(path, owner, array[i]), found);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, value) in obj)
        {
            var childPath = path + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (key.StartsWith(GeneratedPods.UnknownPrefix, StringComparison.Ordinal))
            {
                found.Add(new FoundField((string)value!["id"]!, owner, childPath, value));
                continue;
            }

            var childOwner = path.Length == 0 && key is "metadata" or "spec" or "status" ? key : owner;
            Walk(value, childPath, childOwner, found);
        }
    }

    private static string OwnerOfItem(string arrayPath, string owner, JsonNode? item)
    {
        var name = item is JsonObject entry && entry["name"] is JsonValue value ? (string?)value ?? "" : "";
        return arrayPath switch
        {
            "/spec/containers" => "container:" + name,
            "/spec/initContainers" => "init:" + name,
            "/spec/volumes" => "volume:" + name,
            _ when arrayPath.EndsWith("/env", StringComparison.Ordinal) => owner + "/env:" + name,
            _ when arrayPath.EndsWith("/volumeMounts", StringComparison.Ordinal) => owner + "/mount:" + name,
            _ => owner,
        };
    }

    /// <summary>The exact text of the unknown value whose id is <paramref name="id"/> in the pod JSON: from its brace to the matching one.</summary>
    private static string RawValueOf(string json, string id)
    {
        var marker = "{\"id\":" + JsonValue.Create(id).ToJsonString();
        var start = json.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "unknown field " + id + " not found in the pod text");
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return json[start..(i + 1)];
            }
        }

        throw new InvalidOperationException("unbalanced unknown value " + id);
    }

    private static List<string> Names(JsonNode? list)
        => list is JsonArray array ? array.Select(item => (string?)item?["name"] ?? "").ToList() : [];

    private static void AssertUnique(List<string> names, string what)
    {
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        Assert.True(duplicate is null, what + " \"" + duplicate?.Key + "\" appears " + duplicate?.Count() + " times");
    }

    private static InstrumentationSnapshot BuildSnapshot()
    {
        var loader = new InstrumentationLoader(ImageDefaults.FromTable);
        var instrumentations = DocumentReader.Read(Instrumentations, "property-snapshot.yaml").Select(document =>
        {
            var loaded = loader.Load(document);
            Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
            return loaded.Instrumentation!;
        });
        var namespaces = new[] { new NamespaceInfo(Namespace, new Dictionary<string, string> { ["example.com/owner"] = "team" }) };
        return new InstrumentationSnapshot(instrumentations.ToList(), namespaces);
    }

    private sealed record FoundField(string Id, string Owner, string Path, JsonNode Value);
}
