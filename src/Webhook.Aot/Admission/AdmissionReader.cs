using System.Text.Json;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Text;

namespace Webhook.Admission;

/// <summary>Why an AdmissionReview could not be read; the message is precise enough to answer with HTTP 400.</summary>
public sealed class AdmissionFormatException(string message) : Exception(message);

/// <summary>
/// Walks an AdmissionReview once with <see cref="JsonScanner"/> and records where its fields are. Allocates
/// nothing on success; subtrees other than <c>request.object</c>'s bounds are skipped, and so is the object itself
/// unless a workspace reads the pod in the same pass.
/// </summary>
public static class AdmissionReader
{
    public static AdmissionRequestView Read(ReadOnlySpan<byte> json) => Read(json, default, pass: null, snapshot: null);

    /// <summary>
    /// Reads the envelope and, in the same pass, <c>request.object</c> into <paramref name="pass"/>
    /// (<see cref="InjectionWorkspace.ReadInPass"/>), which <see cref="AdmissionMutation"/> then takes instead of
    /// reading the pod's bytes again.
    /// </summary>
    public static AdmissionRequestView Read(ReadOnlyMemory<byte> json, InjectionWorkspace pass, InstrumentationSnapshot snapshot)
    {
        pass.ForgetReadPod();
        return Read(json.Span, json, pass, snapshot);
    }

    private static AdmissionRequestView Read(ReadOnlySpan<byte> json, ReadOnlyMemory<byte> memory, InjectionWorkspace? pass, InstrumentationSnapshot? snapshot)
    {
        var view = default(AdmissionRequestView);
        var reader = new JsonScanner(json, JsonScanner.DepthLimit);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Fail("the body must be a JSON object (an AdmissionReview)");
            }

            var apiVersionOk = false;
            var kindOk = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("apiVersion"u8))
                {
                    reader.Read();
                    apiVersionOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("admission.k8s.io/v1"u8);
                }
                else if (reader.ValueTextEquals("kind"u8))
                {
                    reader.Read();
                    kindOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("AdmissionReview"u8);
                }
                else if (reader.ValueTextEquals("request"u8))
                {
                    reader.Read();
                    ReadRequest(ref reader, ref view, memory, pass, snapshot);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            view.IsAdmissionReviewV1 = apiVersionOk && kindOk;

            // The review is the whole body: past its end, only whitespace (Read refuses anything else, as Utf8JsonReader does).
            reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: comparing a name whose escapes do not decode (a lone surrogate such as \ud800).
            throw Fail("the body is not valid JSON: " + e.Message);
        }

        return view;
    }

    /// <summary>
    /// A request given twice is merged into the first, field by field, and a later <c>null</c> drops it: how the
    /// API server's Go decoder reads a repeated key (the last value wins; objects merge).
    /// </summary>
    private static void ReadRequest(ref JsonScanner reader, ref AdmissionRequestView view, ReadOnlyMemory<byte> json, InjectionWorkspace? pass,
        InstrumentationSnapshot? snapshot)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                view = default;
            }

            reader.Skip();
            return;
        }

        view.HasRequest = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("uid"u8))
            {
                view.Uid = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                view.Namespace = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                view.Operation = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("subResource"u8))
            {
                view.SubResource = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("dryRun"u8))
            {
                reader.Read();
                view.DryRun = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                ReadGroupVersionKind(ref reader, ref view);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (pass is not null && reader.TokenType == JsonTokenType.StartObject)
                {
                    pass.ReadInPass(ref reader, json, view.Namespace, snapshot!);
                }
                else
                {
                    reader.Skip();
                }

                view.Object = reader.TokenType == JsonTokenType.EndObject ? new Range(start, (int)reader.BytesConsumed) : default;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadGroupVersionKind(ref JsonScanner reader, ref AdmissionRequestView view)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("group"u8))
            {
                view.Group = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                view.Version = StringRange(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                view.Kind = StringRange(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The range of a string value's raw bytes (between the quotes); empty for any other token.</summary>
    private static Range StringRange(ref JsonScanner reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        var start = (int)reader.TokenStartIndex + 1;
        return new Range(start, start + reader.ValueSpan.Length);
    }

    private static AdmissionFormatException Fail(string message) => new(message);
}
