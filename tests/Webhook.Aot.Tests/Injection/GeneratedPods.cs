using System.Text.Json.Nodes;

namespace Webhook.Tests.Injection;

/// <summary>
/// Random pods for the property tests: 1–4 containers, 0–2 init containers, env entries with values, valueFrom and
/// names injection also writes, existing volumes and mounts (some named like ours), inject annotations for the
/// agent languages and the SDK, container-names, platform annotations, resource annotations, owners, and unknown
/// fields at every level. Every unknown field is named <c>zz…</c> and its value carries an id that says where it
/// belongs (<see cref="UnknownField.Owner"/>), so it can be found again after patching.
/// </summary>
public sealed class GeneratedPods
{
    public const string UnknownPrefix = "zz";

    private static readonly string[] s_languages = ["java", "nodejs", "python", "dotnet", "sdk"];
    private static readonly string[] s_injectValues = ["true", "true", "true", "TRUE", "false", "false", "main", "prop/main", "other/alt", "missing"];
    private static readonly string[] s_ourEnvNames =
    [
        "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_PROPAGATORS", "OTEL_TRACES_SAMPLER",
        "OTEL_TRACES_SAMPLER_ARG", "OTEL_NODE_IP", "OTEL_POD_IP", "OTEL_RESOURCE_ATTRIBUTES_POD_NAME", "OTEL_RESOURCE_ATTRIBUTES_POD_UID",
        "JAVA_TOOL_OPTIONS", "NODE_OPTIONS", "PYTHONPATH", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER", "OTEL_TRACES_EXPORTER",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "CORECLR_ENABLE_PROFILING", "CORECLR_PROFILER_PATH", "DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS",
        "DOTNET_SHARED_STORE", "OTEL_DOTNET_AUTO_HOME", "OTEL_EXPORTER_OTLP_CERTIFICATE", "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_JAVAAGENT_DEBUG",
    ];

    private static readonly string[] s_userEnvNames = ["APP_MODE", "LOG_LEVEL", "PATH", "HOME", "FEATURE_FLAGS"];
    private static readonly string[] s_envValues =
    [
        "", "1", "-Dx=y", "--max-old-space-size=256", "/app/lib", "a=b,c=d", "k8s.node.name=n1", "service.version=3,team=pay",
        "k8s.pod.name=p, foo=bar,", "x=y=z", "with space", "ünïcode ✓", "quote\"d \\ back", "<tag>&'",
    ];

    private static readonly string[] s_volumeNames =
    [
        "data", "cache", "config", "opentelemetry-auto-instrumentation-java", "opentelemetry-auto-instrumentation-python",
        "otel-auto-secret-certs", "otel-auto-configmap-ca",
    ];

    private static readonly string[] s_images =
    [
        "app", "app:1.2.3", "registry.example:5000/team/app:v2", "app@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "app:7@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "Bad Image", "",
    ];

    private static readonly string[] s_unknownKeys = ["zzFuture", "zz~tilde", "zz/slash", "zz~0~1mixed/~"];
    private static readonly string[] s_unknownTexts = ["é\u00e9", "a/b~c", "<>&'+", "tab\there", "line\nbreak", "\u2028", ""];

    private readonly Random _random;
    private int _nextId;

    /// <summary>A quarter of the pods ask for exactly one language (the SDK half of those), so repeated runs of one language are common.</summary>
    private string? _focus;

    private GeneratedPods(Random random) => _random = random;

    public List<UnknownField> Unknown { get; } = new();

    public JsonObject Pod { get; private set; } = new();

    /// <summary>Whether the pod has any <c>inject-*</c> annotation (whatever its value).</summary>
    public bool HasInjectAnnotation { get; private set; }

    /// <summary>Whether some inject annotation asks for injection (a value other than "false").</summary>
    public bool AsksForInjection { get; private set; }

    /// <summary>How many inject annotations ask for injection: more than one is refused without multi-instrumentation.</summary>
    public int LanguagesAsked { get; private set; }

    /// <summary>
    /// What the generator put in the pod that may rightly leave it without injection although it asks for some
    /// (an Instrumentation that does not exist, container names that are invalid or name no container, …). A pod
    /// that asks and gets nothing must have at least one; each says why in words.
    /// </summary>
    public List<string> SkipReasons { get; } = new();

    public static GeneratedPods Create(int seed)
    {
        var generator = new GeneratedPods(new Random(seed));
        generator.Build();
        return generator;
    }

    private void Build()
    {
        _focus = Chance(0.25) ? (Chance(0.5) ? "sdk" : OneOf(s_languages)) : null;
        var containerCount = _random.Next(1, 5);
        var initCount = _random.Next(0, 3);
        var names = Enumerable.Range(0, containerCount).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var initNames = Enumerable.Range(0, initCount).Select(i => "init" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (Chance(0.2))
        {
            names[0] = "opentelemetry-auto-instrumentation-nodejs";
            SkipReasons.Add("a container is named like the Node.js init container: the pod looks already instrumented");
        }

        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod" };
        pod["metadata"] = Metadata(names, initNames);
        var spec = new JsonObject();
        if (initCount > 0 || Chance(0.2))
        {
            spec["initContainers"] = new JsonArray(initNames.Select(n => (JsonNode?)Container(n, "init:" + n)).ToArray());
        }

        spec["containers"] = new JsonArray(names.Select(n => (JsonNode?)Container(n, "container:" + n)).ToArray());
        if (Chance(0.6))
        {
            spec["volumes"] = new JsonArray(Pick(s_volumeNames, _random.Next(0, 4)).Select(n => (JsonNode?)Volume(n)).ToArray());
        }

        if (Chance(_focus is null ? 0.1 : 0.4))
        {
            spec["nodeName"] = "node-" + _random.Next(1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Chance(0.3))
        {
            spec["securityContext"] = new JsonObject { ["runAsNonRoot"] = true };
        }

        AddUnknown(spec, "spec");
        pod["spec"] = spec;
        if (Chance(0.3))
        {
            var status = new JsonObject { ["phase"] = "Pending" };
            AddUnknown(status, "status");
            pod["status"] = status;
        }

        AddUnknown(pod, "pod");
        Pod = pod;
    }

    private JsonObject Metadata(List<string> names, List<string> initNames)
    {
        var metadata = new JsonObject();
        if (Chance(0.4))
        {
            metadata["name"] = "pod-" + _random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            metadata["generateName"] = "web-5d8f9c7b6-";
        }

        if (Chance(0.3))
        {
            metadata["namespace"] = "prop";
        }

        var labels = new JsonObject { ["app"] = "web", ["example.com/tier~1"] = "front" };
        var annotations = new JsonObject { ["example.com/a~b/c"] = "x~1/y" };
        foreach (var language in s_languages)
        {
            if (_focus is null ? Chance(0.35) : _focus == language)
            {
                var value = _focus is null ? s_injectValues[_random.Next(s_injectValues.Length)] : OneOf("true", "main");
                annotations["instrumentation.opentelemetry.io/inject-" + language] = value;
                HasInjectAnnotation = true;
                AsksForInjection |= !value.Equals("false", StringComparison.OrdinalIgnoreCase);
                LanguagesAsked += value.Equals("false", StringComparison.OrdinalIgnoreCase) ? 0 : 1;
                if (LanguagesAsked == 2)
                {
                    SkipReasons.Add("several languages: refused without multi-instrumentation, and with it unless each names its containers");
                }
                if (value == "missing")
                {
                    SkipReasons.Add("inject-" + language + " names an Instrumentation that does not exist");
                }

                if (Chance(0.15))
                {
                    annotations["instrumentation.opentelemetry.io/" + language + "-container-names"] = NameList(names, initNames, language + "-container-names");
                }
            }
        }

        if (Chance(0.3))
        {
            annotations["instrumentation.opentelemetry.io/container-names"] = NameList(names, initNames, "container-names");
        }

        if (Chance(0.1))
        {
            var platform = OneOf("glibc", "musl", "", "alpine");
            annotations["instrumentation.opentelemetry.io/otel-python-platform"] = platform;
            if (platform is not ("glibc" or "musl"))
            {
                SkipReasons.Add("otel-python-platform \"" + platform + "\" is not supported");
            }
        }

        if (Chance(0.1))
        {
            var runtime = OneOf("linux-x64", "linux-musl-x64", "win-x64");
            annotations["instrumentation.opentelemetry.io/otel-dotnet-auto-runtime"] = runtime;
            if (runtime == "win-x64")
            {
                SkipReasons.Add("otel-dotnet-auto-runtime \"win-x64\" is not supported");
            }
        }

        foreach (var key in Pick(["service.name", "service.version", "service.instance.id", "k8s.node.name", "foo", "team~x/y", "k8s.pod.name"], Chance(0.25) ? _random.Next(1, 4) : 0))
        {
            annotations["resource.opentelemetry.io/" + key] = OneOf("v1", "", "a=b", "x,y");
        }

        switch (_random.Next(5))
        {
            case 0:
                labels["pod-template-hash"] = "5d8f9c7b6";
                metadata["ownerReferences"] = Owners(("ReplicaSet", "web-5d8f9c7b6"));
                break;
            case 1:
                metadata["ownerReferences"] = Owners(("Job", "nightly-28930415"));
                break;
            case 2:
                metadata["ownerReferences"] = Owners(("StatefulSet", "db"), ("Rollout", "canary"));
                break;
        }

        metadata["labels"] = labels;
        metadata["annotations"] = annotations;
        AddUnknown(metadata, "metadata");
        return metadata;
    }

    private JsonObject Container(string name, string owner)
    {
        var container = new JsonObject { ["name"] = name, ["image"] = OneOf(s_images) };
        if (Chance(0.3))
        {
            container["securityContext"] = new JsonObject { ["runAsUser"] = _random.Next(1000, 2000) };
        }

        switch (_random.Next(6))
        {
            case 0:
                break;
            case 1:
                container["env"] = Chance(0.5) ? new JsonArray() : null;
                break;
            default:
                container["env"] = new JsonArray(Enumerable.Range(0, _random.Next(1, 6)).Select(_ => (JsonNode?)EnvEntry(owner)).ToArray());
                break;
        }

        if (Chance(0.5))
        {
            container["volumeMounts"] = new JsonArray(Pick(s_volumeNames, _random.Next(0, 3)).Select(n => (JsonNode?)Mount(n, owner)).ToArray());
        }

        AddUnknown(container, owner);
        return container;
    }

    private JsonObject EnvEntry(string owner)
    {
        var name = Chance(0.03) ? "OTEL_RESOURCE_ATTRIBUTES_NODE_NAME"
            : Chance(0.12) ? "OTEL_RESOURCE_ATTRIBUTES"
            : Chance(0.7) ? OneOf(s_ourEnvNames) : OneOf(s_userEnvNames);
        var entry = new JsonObject { ["name"] = name };
        if (name == "OTEL_RESOURCE_ATTRIBUTES_NODE_NAME")
        {
            SkipReasons.Add("a container sets OTEL_RESOURCE_ATTRIBUTES_NODE_NAME: the pod looks already instrumented");
        }

        switch (_random.Next(4))
        {
            case 0:
                if (name is "JAVA_TOOL_OPTIONS" or "NODE_OPTIONS" or "PYTHONPATH" or "CORECLR_ENABLE_PROFILING" or "CORECLR_PROFILER_PATH"
                    or "DOTNET_STARTUP_HOOKS" or "DOTNET_ADDITIONAL_DEPS" or "DOTNET_SHARED_STORE")
                {
                    SkipReasons.Add("the agent setting " + name + " comes from valueFrom, which cannot be extended");
                }

                entry["valueFrom"] = Chance(0.5)
                    ? new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } }
                    : new JsonObject { ["configMapKeyRef"] = new JsonObject { ["name"] = "settings", ["key"] = name.ToLowerInvariant() } };
                break;
            default:
                entry["value"] = OneOf(s_envValues);
                break;
        }

        AddUnknown(entry, owner + "/env:" + name);
        return entry;
    }

    private JsonObject Mount(string name, string owner)
    {
        var mount = new JsonObject { ["name"] = name, ["mountPath"] = "/mnt/" + name };
        if (Chance(0.3))
        {
            mount["readOnly"] = true;
        }

        AddUnknown(mount, owner + "/mount:" + name);
        return mount;
    }

    private JsonObject Volume(string name)
    {
        var volume = new JsonObject { ["name"] = name, ["emptyDir"] = new JsonObject() };
        AddUnknown(volume, "volume:" + name);
        return volume;
    }

    private JsonArray Owners(params (string Kind, string Name)[] owners)
        => new(owners.Select(o => (JsonNode?)new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = o.Kind, ["name"] = o.Name,
            ["uid"] = "00000000-0000-4000-8000-" + _random.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "000000",
        }).ToArray());

    /// <summary>A container-names value: existing names (regular and init), sometimes a missing one, rarely invalid.</summary>
    private string NameList(List<string> names, List<string> initNames, string annotation)
    {
        if (Chance(0.05))
        {
            SkipReasons.Add(annotation + " holds an invalid container name");
            return OneOf("a, b", "bad_name", "c0\n");
        }

        var pool = names.Concat(initNames).Append("ghost").ToArray();
        var picked = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => OneOf(pool)).ToList();
        if (picked.Any(n => !names.Contains(n)))
        {
            SkipReasons.Add(annotation + " names a container the pod does not have (or an init container)");
        }

        if (picked.Distinct().Count() < picked.Count)
        {
            SkipReasons.Add(annotation + " names a container twice");
        }

        return string.Join(",", picked);
    }

    /// <summary>Adds an unknown field (30 % of the time) whose value records the owner and uses raw number forms and escapes.</summary>
    private void AddUnknown(JsonObject target, string owner)
    {
        if (!Chance(0.3))
        {
            return;
        }

        var key = OneOf(s_unknownKeys);
        if (target.ContainsKey(key))
        {
            return;
        }

        var id = owner + "#" + _nextId++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = OneOf("1.50", "1e3", "-0.0", "12345678901234567890", "0");
        var text = JsonValue.Create(OneOf(s_unknownTexts)).ToJsonString();
        var value = JsonNode.Parse("{\"id\":" + JsonValue.Create(id).ToJsonString() + ",\"n\":" + number + ",\"s\":" + text
            + ",\"list\":[true,null,{\"deep\":" + number + "}]}")!;
        target[key] = value;
        Unknown.Add(new UnknownField(key, id, owner));
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private string OneOf(params string[] values) => values[_random.Next(values.Length)];

    private IEnumerable<string> Pick(string[] pool, int count) => pool.OrderBy(_ => _random.Next()).Take(count).ToList();
}

/// <summary>An unknown field the generator placed: its key, the id inside its value, and where it belongs.</summary>
public sealed record UnknownField(string Key, string Id, string Owner);
