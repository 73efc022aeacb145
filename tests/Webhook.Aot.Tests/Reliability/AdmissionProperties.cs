using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Webhook.Admission;
using Webhook.Hosting;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Observability;
using Webhook.Sources;
using Webhook.Tests.Support;

namespace Webhook.Tests.Reliability;

/// <summary>A reliability property that one request body broke; the message says which.</summary>
public sealed class AdmissionPropertyException(string message) : Exception(message);

/// <summary>How one request body ended: the HTTP status the endpoint answered, and what the engine decided.</summary>
public readonly record struct AdmissionTrial(int HttpStatus, bool Patched, bool FailedOpen);

/// <summary>
/// Runs one request body through the admission path twice — the engine's entry points directly, then the real
/// endpoint on an in-memory HTTP context — and checks what must hold for any body whatsoever: the reader throws
/// nothing but <see cref="AdmissionFormatException"/>; the engine never throws nor fails open (a pod it cannot read
/// gets a warning, not a patch); a pod that asked for nothing is never patched; a patch is UTF-8 JSON that applies to
/// the pod as the API server stores it, and none comes for a pod with a wrong-typed list entry; the answer is a valid
/// AdmissionReview echoing the uid, or a 400. Shared with the coverage-guided fuzzer, which links this file.
/// </summary>
public static class AdmissionProperties
{
    private static readonly WebhookMetrics s_metrics = new(() => null, () => 0, () => 0);

    public static AdmissionTrial Check(byte[] body, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        var engine = RunEngine(body, snapshot, settings);
        var (status, answer) = Serve(body, snapshot, settings);
        if (body.Length > ServeOptions.MaxRequestBytes)
        {
            return status == 413 ? new AdmissionTrial(413, false, false) : throw Violation("a body over the cap was answered " + status);
        }

        if (engine is null && status != 400)
        {
            throw Violation("the reader refused the body but the endpoint answered " + status);
        }

        if (status == 400)
        {
            if (answer.Length == 0)
            {
                throw Violation("a 400 without a message");
            }

            return new AdmissionTrial(400, false, false);
        }

        if (status != 200)
        {
            throw Violation("the endpoint answered HTTP " + status);
        }

        CheckReview(body, engine!.Value, answer);
        return new AdmissionTrial(200, engine.Value.Result.Mutation.Patch is not null, engine.Value.Result.FailedOpen);
    }

    /// <summary>The engine's result, or null when the reader refused the body as malformed.</summary>
    private static (AdmissionRequestView View, AdmissionMutationResult Result)? RunEngine(byte[] body, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        AdmissionRequestView view;
        try
        {
            view = AdmissionReader.Read(body);
        }
        catch (AdmissionFormatException)
        {
            return null;
        }
        catch (Exception e)
        {
            throw Violation("AdmissionReader.Read threw " + e.GetType().Name + ": " + e.Message);
        }

        AdmissionMutationResult result;
        try
        {
            result = AdmissionMutation.Handle(body, view, snapshot, settings);
        }
        catch (Exception e)
        {
            throw Violation("AdmissionMutation.Handle threw " + e.GetType().Name + ": " + e.Message);
        }

        if (result.Fault is { } fault)
        {
            throw Violation("the engine failed open on " + fault.GetType().Name + ": " + fault.Message + "\n" + fault.StackTrace);
        }

        if (result.Mutation.Patch is { } patch)
        {
            var pod = body.AsMemory()[view.Object];
            if (!InjectionAsk.Possible(pod, InjectionAsk.Namespaces(body.AsSpan()[view.Namespace], pod), snapshot))
            {
                throw Violation("patched a pod that asked for nothing");
            }

            CheckPatch(pod, patch.ToArray());
        }

        return (view, result);
    }

    private static void CheckPatch(ReadOnlyMemory<byte> podJson, byte[] patch)
    {
        if (!System.Text.Unicode.Utf8.IsValid(patch))
        {
            throw Violation("the patch is not valid UTF-8: " + Encoding.UTF8.GetString(patch));
        }

        var text = Encoding.UTF8.GetString(patch);
        JsonArray operations;
        try
        {
            operations = JsonNode.Parse(text)!.AsArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Violation("the patch is not a JSON array: " + e.Message);
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op["op"]?.GetValueKind() != JsonValueKind.String || op["path"]?.GetValueKind() != JsonValueKind.String)
            {
                throw Violation("a patch operation without op and path: " + operation?.ToJsonString());
            }
        }

        // The pod as the API server stores it: a repeated key read as its Go decoder reads it (last value wins, objects merge).
        JsonNode? pod;
        try
        {
            pod = LastWinsJson.Parse(podJson.Span);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or text that is not UTF-8 in a field the patch neither writes nor copies: the API server sends neither.
            return;
        }

        if (PodShape.HasWrongTypeWherePatchesWrite(pod))
        {
            throw Violation("patched a pod with an entry of the wrong JSON type where the patch writes or copies\npatch: " + text);
        }

        if (!PodShape.IsPlausible(pod))
        {
            return;
        }

        try
        {
            JsonPatchApplier.Apply(pod!, text);
        }
        catch (Exception e)
        {
            throw Violation("the patch does not apply to the pod: " + e.Message + "\npatch: " + text);
        }
    }

    private static (int Status, byte[] Answer) Serve(byte[] body, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        var store = new SnapshotStore();
        store.Publish(snapshot);
        var endpoint = new MutateEndpoint(store, settings, s_metrics, NullLogger<MutateEndpoint>.Instance);
        try
        {
            return Support.ReviewPost.AnswerAsync(endpoint.HandleAsync, body).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw Violation("the endpoint threw " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static void CheckReview(byte[] body, (AdmissionRequestView View, AdmissionMutationResult Result) engine, byte[] answer)
    {
        if (!System.Text.Unicode.Utf8.IsValid(answer))
        {
            throw Violation("the AdmissionReview answer is not valid UTF-8");
        }

        using var review = Parse(answer);
        var root = review.RootElement;
        if (Text(root, "apiVersion") != "admission.k8s.io/v1" || Text(root, "kind") != "AdmissionReview"
            || !root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            throw Violation("the answer is not an admission.k8s.io/v1 AdmissionReview response");
        }

        // Byte for byte, escapes included: the API server compares the uid it sent with the one it gets back.
        var sentUid = "\"" + Encoding.UTF8.GetString(body.AsSpan()[engine.View.Uid]) + "\"";
        if (!response.TryGetProperty("uid", out var uid) || uid.GetRawText() != sentUid)
        {
            throw Violation("the answer's uid differs from the request's");
        }

        if (!response.TryGetProperty("allowed", out var allowed) || allowed.ValueKind != JsonValueKind.True)
        {
            throw Violation("a pod was refused; the mutating webhook only ever admits");
        }

        var patch = engine.Result.Mutation.Patch;
        var hasPatch = response.TryGetProperty("patch", out var sentPatch);
        if (hasPatch != patch is not null || hasPatch && !sentPatch.GetBytesFromBase64().AsSpan().SequenceEqual(patch!.Value.Span))
        {
            throw Violation("the answer's patch is not the engine's patch");
        }

        if (response.TryGetProperty("warnings", out var warnings)
            && (warnings.ValueKind != JsonValueKind.Array || warnings.EnumerateArray().Any(w => w.ValueKind != JsonValueKind.String)))
        {
            throw Violation("warnings are not a list of strings");
        }
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Parse(byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        }
        catch (JsonException e)
        {
            throw Violation("not JSON: " + e.Message);
        }
    }

    private static AdmissionPropertyException Violation(string message) => new(message);
}
