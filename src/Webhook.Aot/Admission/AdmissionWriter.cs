using System.Buffers;
using System.Text.Json;

namespace Webhook.Admission;

/// <summary>Writes AdmissionReview responses; every response echoes the request's uid exactly as it was sent.</summary>
public static class AdmissionWriter
{
    public static void WriteMutation(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, byte[]? patch, IEnumerable<string> warnings)
    {
        using var writer = new Utf8JsonWriter(output);
        Start(writer, rawUid);
        writer.WriteBoolean("allowed"u8, true);
        if (patch is not null)
        {
            writer.WriteString("patchType"u8, "JSONPatch"u8);
            writer.WriteBase64String("patch"u8, patch);
        }

        WriteWarnings(writer, warnings);
        End(writer);
    }

    public static void WriteValidation(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, bool allowed, string? message, IEnumerable<string> warnings)
    {
        using var writer = new Utf8JsonWriter(output);
        Start(writer, rawUid);
        writer.WriteBoolean("allowed"u8, allowed);
        if (!allowed)
        {
            writer.WriteStartObject("status"u8);
            writer.WriteNumber("code"u8, 422);
            writer.WriteString("reason"u8, "Invalid"u8);
            writer.WriteString("message"u8, message ?? "");
            writer.WriteEndObject();
        }

        WriteWarnings(writer, warnings);
        End(writer);
    }

    private static void Start(Utf8JsonWriter writer, ReadOnlySpan<byte> rawUid)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion"u8, "admission.k8s.io/v1"u8);
        writer.WriteString("kind"u8, "AdmissionReview"u8);
        writer.WriteStartObject("response"u8);
        writer.WritePropertyName("uid"u8);
        WriteRawString(writer, rawUid);
    }

    private static void End(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The uid's bytes as they stood between the quotes of the request (escapes included), quoted again.</summary>
    private static void WriteRawString(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
    {
        var quoted = raw.Length <= 254 ? stackalloc byte[raw.Length + 2] : new byte[raw.Length + 2];
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted[1..]);
        quoted[^1] = (byte)'"';
        writer.WriteRawValue(quoted, skipInputValidation: false);
    }

    private static void WriteWarnings(Utf8JsonWriter writer, IEnumerable<string> warnings)
    {
        var started = false;
        foreach (var warning in warnings)
        {
            if (!started)
            {
                writer.WriteStartArray("warnings"u8);
                started = true;
            }

            writer.WriteStringValue(warning);
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }
}
