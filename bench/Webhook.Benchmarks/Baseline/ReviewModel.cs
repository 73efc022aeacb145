using System.Text.Json;
using System.Text.Json.Serialization;

namespace Webhook.Benchmarks.Baseline;

// The AdmissionReview envelope as a typical C# webhook declares it. The pod stays raw (as Go's RawExtension keeps
// request.object.Raw) so the patch can be computed against exactly what the API server sent, as the operator does.

public sealed class ReviewModel
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("request")]
    public RequestModel? Request { get; set; }

    [JsonPropertyName("response")]
    public ResponseModel? Response { get; set; }
}

public sealed class RequestModel
{
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("kind")]
    public GroupVersionKindModel? Kind { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    [JsonPropertyName("subResource")]
    public string? SubResource { get; set; }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; set; }

    [JsonPropertyName("object")]
    public JsonElement Object { get; set; }
}

public sealed class GroupVersionKindModel
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}

public sealed class ResponseModel
{
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("allowed")]
    public bool Allowed { get; set; }

    [JsonPropertyName("patchType")]
    public string? PatchType { get; set; }

    /// <summary>STJ writes a byte[] as base64, which is what the API server expects for the patch.</summary>
    [JsonPropertyName("patch")]
    public byte[]? Patch { get; set; }

    [JsonPropertyName("warnings")]
    public List<string>? Warnings { get; set; }
}
