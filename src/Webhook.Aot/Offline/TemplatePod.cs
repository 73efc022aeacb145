using System.Text.Json.Nodes;
using Webhook.Json;

namespace Webhook.Offline;

/// <summary>
/// The pod a workload's controller would create from its pod template, as the webhook sees it at admission: the
/// template's metadata and spec, the workload's namespace, and an owner reference naming the workload, so the
/// service name and owner attributes come out as for a real pod. After injection, the patched spec (and metadata,
/// when changed) go back into the template; the namespace and owner added here never do.
/// </summary>
/// <remarks>
/// A Deployment's pods are owned by a ReplicaSet named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, and the
/// hash exists only in the cluster. A made-up ReplicaSet name baked into the template would be wrong for every real
/// pod, so the Deployment itself is the owner: <c>k8s.deployment.name</c> and the service name match a real pod,
/// <c>k8s.replicaset.name</c> is left out. A CronJob is the owner of its pods for the same reason (its Jobs are
/// named after their scheduled time), which leaves <c>k8s.job.name</c> out.
/// </remarks>
public sealed class TemplatePod
{
    private static readonly string[] s_synthesizedMetadata = ["namespace", "ownerReferences"];

    private readonly JsonObject _template;
    private readonly JsonObject _pod;

    private TemplatePod(JsonObject template, JsonObject pod)
    {
        _template = template;
        _pod = pod;
        Json = JsonNodes.ToUtf8(pod);
    }

    /// <summary>The pod as JSON, for the injection engine.</summary>
    public byte[] Json { get; }

    public static TemplatePod Create(JsonObject workload, WorkloadKind kind, JsonObject template, string ns)
    {
        var metadata = template["metadata"] is JsonObject templateMetadata ? (JsonObject)templateMetadata.DeepClone() : new JsonObject();
        metadata["namespace"] = ns;
        metadata["ownerReferences"] = Owner(workload, kind);
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
        };
        if (template["spec"] is { } spec)
        {
            pod["spec"] = spec.DeepClone();
        }

        return new TemplatePod(template, pod);
    }

    /// <summary>Applies the engine's patch to the pod and writes what it changed back into the template.</summary>
    public void Apply(ReadOnlySpan<byte> patch)
    {
        var patched = JsonPatch.Apply(_pod.DeepClone(), patch) as JsonObject
            ?? throw new JsonPatchException("the patched pod is not an object");
        if (patched["spec"] is { } spec && !JsonNode.DeepEquals(spec, _pod["spec"]))
        {
            _template["spec"] = spec.DeepClone();
        }

        if (patched["metadata"] is JsonObject metadata && !JsonNode.DeepEquals(metadata, _pod["metadata"]))
        {
            _template["metadata"] = WithoutSynthesized(metadata);
        }
    }

    private JsonObject WithoutSynthesized(JsonObject patchedMetadata)
    {
        var result = (JsonObject)patchedMetadata.DeepClone();
        var original = _template["metadata"] as JsonObject;
        foreach (var name in s_synthesizedMetadata)
        {
            if (original is not null && original.TryGetPropertyValue(name, out var value))
            {
                result[name] = value?.DeepClone();
            }
            else
            {
                result.Remove(name);
            }
        }

        return result;
    }

    private static JsonArray Owner(JsonObject workload, WorkloadKind kind)
    {
        var metadata = workload["metadata"] as JsonObject;
        if (JsonNodes.String(metadata?["name"]) is not { Length: > 0 } name)
        {
            return new JsonArray();
        }

        var owner = new JsonObject
        {
            ["apiVersion"] = JsonNodes.String(workload["apiVersion"]) ?? kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["name"] = name,
        };
        if (JsonNodes.String(metadata?["uid"]) is { Length: > 0 } uid)
        {
            owner["uid"] = uid;
        }

        owner["controller"] = true;
        return new JsonArray(owner);
    }
}
