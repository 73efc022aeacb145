using System.Text.Json.Nodes;

namespace Webhook.Tests.Reliability;

/// <summary>Wraps a pod into an admission.k8s.io/v1 AdmissionReview for a pod CREATE, as the API server sends it.</summary>
public static class ReviewEnvelope
{
    public static JsonObject Wrap(JsonNode pod, string ns, string uid) => new()
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["namespace"] = ns,
            ["operation"] = "CREATE",
            ["userInfo"] = new JsonObject { ["username"] = "system:serviceaccount:kube-system:replicaset-controller" },
            ["object"] = pod.DeepClone(),
            ["oldObject"] = null,
            ["dryRun"] = false,
        },
    };
}
