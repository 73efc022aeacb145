using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Webhook.Injection.Snapshot;

namespace Webhook.Benchmarks.Baseline;

/// <summary>
/// The whole admission the common way: STJ into the envelope and a full <see cref="V1Pod"/>, mutate the model,
/// serialize it, diff it against the pod as sent, answer with an envelope model serialized by STJ.
/// </summary>
public static class BaselineAdmission
{
    public static (ReviewModel Review, V1Pod Pod) Read(ReadOnlySpan<byte> body)
    {
        var review = JsonSerializer.Deserialize(body, BaselineJson.Review) ?? throw new JsonException("the body is null");
        var request = review.Request ?? throw new JsonException("the review has no request");
        var pod = request.Object.Deserialize(BaselineJson.Pod) ?? throw new JsonException("request.object is null");
        return (review, pod);
    }

    /// <summary>Pod JSON in, JSON Patch out (null when nothing changes): the unit our engine's PodMutator does.</summary>
    public static byte[]? Mutate(ReadOnlySpan<byte> podJson, string ns, InstrumentationSnapshot snapshot)
    {
        var pod = JsonSerializer.Deserialize(podJson, BaselineJson.Pod)!;
        return BaselineMutator.Mutate(pod, ns, snapshot) ? Patch(podJson, pod) : null;
    }

    /// <summary>The patch from the pod as sent to the mutated model: parse one, serialize the other, diff.</summary>
    public static byte[] Patch(ReadOnlySpan<byte> originalPodJson, V1Pod mutated)
        => JsonDiff.Patch(JsonNode.Parse(originalPodJson), JsonSerializer.SerializeToNode(mutated, BaselineJson.Pod));

    public static void Handle(ReadOnlySpan<byte> body, IBufferWriter<byte> output, InstrumentationSnapshot snapshot)
    {
        var (review, pod) = Read(body);
        var request = review.Request!;
        byte[]? patch = null;
        if (request.Kind is { Group: "", Version: "v1", Kind: "Pod" } && request.Operation == "CREATE" && string.IsNullOrEmpty(request.SubResource)
            && BaselineMutator.Mutate(pod, request.Namespace ?? "", snapshot))
        {
            patch = JsonDiff.Patch(JsonObject.Create(request.Object), JsonSerializer.SerializeToNode(pod, BaselineJson.Pod));
        }

        var response = new ReviewModel
        {
            ApiVersion = "admission.k8s.io/v1",
            Kind = "AdmissionReview",
            Response = new ResponseModel { Uid = request.Uid, Allowed = true, PatchType = patch is null ? null : "JSONPatch", Patch = patch },
        };
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, response, BaselineJson.Review);
    }
}
