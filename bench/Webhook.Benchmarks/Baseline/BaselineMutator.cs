using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Webhook.Crd;
using Webhook.Injection.Snapshot;

namespace Webhook.Benchmarks.Baseline;

/// <summary>
/// Injection the obvious way, on KubernetesClient's <see cref="V1Pod"/> model: for Java and Python, the same env
/// entries (same order and values), mounts, init containers and volume our engine produces for the benchmark pods —
/// <c>--verify</c> applies both patches and checks the pods come out equal (the injected marker included). It covers what those pods exercise
/// (inject annotations set to "true", container-names, owner-derived names), not every rule of the engine.
/// </summary>
public static class BaselineMutator
{
    private const string Prefix = "instrumentation.opentelemetry.io/";

    /// <summary>Returns false when the pod asks for nothing this baseline injects (then there is no patch).</summary>
    public static bool Mutate(V1Pod pod, string ns, InstrumentationSnapshot snapshot)
    {
        var annotations = pod.Metadata?.Annotations;
        if (annotations is null || snapshot.InNamespace(ns) is not [var instrumentation, ..])
        {
            return false;
        }

        var java = IsTrue(annotations, "inject-java");
        var python = IsTrue(annotations, "inject-python");
        if (!java && !python)
        {
            return false;
        }

        var common = annotations.TryGetValue(Prefix + "container-names", out var names) ? names : null;
        var marker = new JsonObject();
        if (java && Inject(pod, ns, Java(instrumentation), Targets(pod, common, annotations, "java-container-names")))
        {
            marker["java"] = MarkerEntry(instrumentation, instrumentation.Spec!.Java!.Image!);
        }

        if (python && Inject(pod, ns, Python(instrumentation), Targets(pod, common, annotations, "python-container-names")))
        {
            marker["python"] = MarkerEntry(instrumentation, instrumentation.Spec!.Python!.Image!);
        }

        if (marker.Count > 0)
        {
            annotations[Prefix + "injected"] = marker.ToJsonString(s_markerJson);
            var labels = pod.Metadata!.Labels ??= new Dictionary<string, string>();
            labels[Prefix + "injected"] = "true";
        }

        return true;
    }

    private static readonly JsonSerializerOptions s_markerJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The injected marker's entry: the Instrumentation, its generation and resourceVersion when it has them, the image.</summary>
    private static JsonObject MarkerEntry(Instrumentation instrumentation, string image)
    {
        var entry = new JsonObject { ["instrumentation"] = instrumentation.Metadata!.Namespace + "/" + instrumentation.Metadata.Name };
        foreach (var (name, value) in instrumentation.Metadata.Other)
        {
            if (name is "generation" or "resourceVersion")
            {
                entry[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        entry["image"] = image;
        return entry;
    }

    private static bool IsTrue(IDictionary<string, string> annotations, string key)
        => annotations.TryGetValue(Prefix + key, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static List<V1Container> Targets(V1Pod pod, string? common, IDictionary<string, string> annotations, string own)
    {
        var names = new List<string>();
        if (common is { Length: > 0 })
        {
            names.AddRange(common.Split(','));
        }

        if (annotations.TryGetValue(Prefix + own, out var value) && value.Length > 0)
        {
            names.AddRange(value.Split(','));
        }

        return names.Count == 0
            ? [pod.Spec.Containers[0]]
            : names.Distinct().Select(n => pod.Spec.Containers.FirstOrDefault(c => c.Name == n)).OfType<V1Container>().ToList();
    }

    private static bool Inject(V1Pod pod, string ns, LanguageSpec language, List<V1Container> targets)
    {
        if (targets.Count == 0)
        {
            return false;
        }

        foreach (var container in targets)
        {
            container.Env ??= new List<V1EnvVar>();
            AddFirst(container.Env, 0, "OTEL_NODE_IP", "status.hostIP");
            AddFirst(container.Env, 1, "OTEL_POD_IP", "status.podIP");
            var mountPath = language.MountPath(container.Name);
            foreach (var (name, value) in language.Env(mountPath))
            {
                AddIfMissing(container.Env, new V1EnvVar { Name = name, Value = value });
            }

            foreach (var env in SdkEnv(pod, ns, container, language.Instrumentation))
            {
                AddIfMissing(container.Env, env);
            }

            container.VolumeMounts ??= new List<V1VolumeMount>();
            container.VolumeMounts.Add(new V1VolumeMount { Name = language.VolumeName, MountPath = mountPath });
        }

        pod.Spec.InitContainers ??= new List<V1Container>();
        pod.Spec.InitContainers.Add(new V1Container
        {
            Name = language.VolumeName,
            Image = language.Image,
            Command = language.Command,
            Resources = language.Resources,
            SecurityContext = targets[0].SecurityContext,
            VolumeMounts = [new V1VolumeMount { Name = language.VolumeName, MountPath = language.InitMountPath }],
        });
        pod.Spec.Volumes ??= new List<V1Volume>();
        pod.Spec.Volumes.Add(new V1Volume { Name = language.VolumeName, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("200Mi") } });
        return true;
    }

    private static IEnumerable<V1EnvVar> SdkEnv(V1Pod pod, string ns, V1Container container, Instrumentation instrumentation)
    {
        var spec = instrumentation.Spec!;
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        string? replicaSet = owner?.Kind == "ReplicaSet" ? owner.Name : null;
        string? deployment = null;
        if (replicaSet is not null && pod.Metadata.Labels?.TryGetValue("pod-template-hash", out var hash) == true
            && replicaSet.EndsWith("-" + hash, StringComparison.Ordinal))
        {
            deployment = replicaSet[..^(hash.Length + 1)];
        }

        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["k8s.container.name"] = container.Name,
            ["k8s.namespace.name"] = ns,
            ["k8s.node.name"] = "$(OTEL_RESOURCE_ATTRIBUTES_NODE_NAME)",
            ["k8s.pod.name"] = "$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME)",
            ["service.instance.id"] = ns + ".$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME)." + container.Name,
            ["service.namespace"] = ns,
        };
        if (deployment is not null)
        {
            attributes["k8s.deployment.name"] = deployment;
        }

        if (replicaSet is not null)
        {
            attributes["k8s.replicaset.name"] = replicaSet;
        }

        var tag = container.Image.LastIndexOf(':');
        if (tag > container.Image.LastIndexOf('/'))
        {
            attributes["service.version"] = container.Image[(tag + 1)..];
        }

        yield return new V1EnvVar { Name = "OTEL_SERVICE_NAME", Value = deployment ?? pod.Metadata.Name ?? container.Name };
        yield return new V1EnvVar { Name = "OTEL_EXPORTER_OTLP_ENDPOINT", Value = spec.Exporter?.Endpoint };
        yield return FieldRef("OTEL_RESOURCE_ATTRIBUTES_POD_NAME", "metadata.name");
        yield return FieldRef("OTEL_RESOURCE_ATTRIBUTES_NODE_NAME", "spec.nodeName");
        yield return new V1EnvVar { Name = "OTEL_PROPAGATORS", Value = string.Join(',', spec.Propagators ?? []) };
        yield return new V1EnvVar { Name = "OTEL_TRACES_SAMPLER", Value = spec.Sampler?.Type };
        yield return new V1EnvVar { Name = "OTEL_TRACES_SAMPLER_ARG", Value = spec.Sampler?.Argument };
        yield return new V1EnvVar { Name = "OTEL_RESOURCE_ATTRIBUTES", Value = string.Join(',', attributes.Select(a => a.Key + "=" + a.Value)) };
    }

    private static V1EnvVar FieldRef(string name, string fieldPath)
        => new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } } };

    private static void AddFirst(IList<V1EnvVar> env, int index, string name, string fieldPath)
    {
        if (!env.Any(e => e.Name == name))
        {
            env.Insert(index, FieldRef(name, fieldPath));
        }
    }

    private static void AddIfMissing(IList<V1EnvVar> env, V1EnvVar entry)
    {
        if (!env.Any(e => e.Name == entry.Name))
        {
            env.Add(entry);
        }
    }

    private static V1ResourceRequirements? Resources(ResourceRequirements? resources) => resources is null ? null : new V1ResourceRequirements
    {
        Limits = resources.Limits?.ToDictionary(p => p.Key, p => new ResourceQuantity(p.Value.ToString())),
        Requests = resources.Requests?.ToDictionary(p => p.Key, p => new ResourceQuantity(p.Value.ToString())),
    };

    private static LanguageSpec Java(Instrumentation instrumentation) => new(
        instrumentation,
        "opentelemetry-auto-instrumentation-java",
        instrumentation.Spec!.Java!.Image!,
        ["cp", "/javaagent.jar", "/otel-auto-instrumentation-java/javaagent.jar"],
        Resources(instrumentation.Spec.Java.Resources),
        "/otel-auto-instrumentation-java",
        container => "/otel-auto-instrumentation-java-" + container,
        path => [("JAVA_TOOL_OPTIONS", " -javaagent:" + path + "/javaagent.jar")]);

    private static LanguageSpec Python(Instrumentation instrumentation) => new(
        instrumentation,
        "opentelemetry-auto-instrumentation-python",
        instrumentation.Spec!.Python!.Image!,
        ["cp", "-r", "/autoinstrumentation/.", "/otel-auto-instrumentation-python"],
        Resources(instrumentation.Spec.Python.ResourceRequirements),
        "/otel-auto-instrumentation-python",
        _ => "/otel-auto-instrumentation-python",
        path =>
        [
            ("PYTHONPATH", path + "/opentelemetry/instrumentation/auto_instrumentation:" + path),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_TRACES_EXPORTER", "otlp"),
            ("OTEL_METRICS_EXPORTER", "otlp"),
            ("OTEL_LOGS_EXPORTER", "otlp"),
        ]);

    private sealed record LanguageSpec(
        Instrumentation Instrumentation,
        string VolumeName,
        string Image,
        List<string> Command,
        V1ResourceRequirements? Resources,
        string InitMountPath,
        Func<string, string> MountPath,
        Func<string, (string Name, string Value)[]> Env);
}
