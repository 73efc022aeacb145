using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Webhook.Injection;
using Webhook.Memory;

namespace Webhook.Admission;

/// <summary>Writes AdmissionReview responses; every response echoes the request's uid exactly as it was sent.</summary>
public static class AdmissionWriter
{
    /// <summary>
    /// One writer per thread, pointed at each response in turn (§6): a new <see cref="Utf8JsonWriter"/> per response
    /// cost 184 bytes. Never held across an await: every method below is synchronous from Rent to Return.
    /// </summary>
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Where an idle writer points, so it does not keep the last response's pipe alive; never written to.</summary>
    private static readonly ArrayBufferWriter<byte> s_detached = new(1);

    public static void WriteMutation(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, ReadOnlyMemory<byte>? patch, IEnumerable<string> warnings)
    {
        var writer = Rent(output);
        try
        {
            WriteMutationStart(writer, rawUid, patch);
            WriteWarnings(writer, warnings);
            End(writer);
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>
    /// Past this many bytes an answer is not written into the response whole (<see cref="WriteMutationOrHold"/>):
    /// 64 KiB, far more than a typical answer (about 5 KB).
    /// </summary>
    public const int LargeAnswerBytes = BoundedPool<byte>.MaxPooledBytes;

    /// <summary>
    /// The admission endpoint's form (<see cref="WriteMutation(IBufferWriter{byte}, ReadOnlySpan{byte}, ReadOnlyMemory{byte}?, IReadOnlyList{InjectionWarning})"/>)
    /// into <paramref name="output"/>, unless the answer may take more than <see cref="LargeAnswerBytes"/> (the patch
    /// of a pod of thousands of containers or env entries, a uid of megabytes echoed): then it is written outside the
    /// GC heap and returned, for the caller to send in pieces and dispose. Written into the response whole, such an
    /// answer asked the response's pipe for one span of its size, which the pipe rents from the shared array pool,
    /// where it stays once sent: after a hostile run, twenty arrays of a megabyte or more were left there.
    /// </summary>
    public static NativeBufferWriter? WriteMutationOrHold(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, ReadOnlyMemory<byte>? patch,
        IReadOnlyList<InjectionWarning> warnings)
    {
        var most = MostMutationBytes(rawUid, patch, warnings);
        if (most <= LargeAnswerBytes || NativeBufferWriter.TryCreate((int)Math.Min(most, Array.MaxLength)) is not { } held)
        {
            WriteMutation(output, rawUid, patch, warnings);
            return null;
        }

        try
        {
            WriteMutation(held, rawUid, patch, warnings);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>The admission endpoint's form: the warnings' messages without a LINQ projection over them.</summary>
    public static void WriteMutation(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, ReadOnlyMemory<byte>? patch, IReadOnlyList<InjectionWarning> warnings)
    {
        if (warnings.Count == 0 && TryWritePlainMutation(output, rawUid, patch))
        {
            return;
        }

        var writer = Rent(output);
        try
        {
            WriteMutationStart(writer, rawUid, patch);
            if (warnings.Count > 0)
            {
                writer.WriteStartArray("warnings"u8);
                for (var i = 0; i < warnings.Count; i++)
                {
                    writer.WriteStringValue(warnings[i].Message);
                }

                writer.WriteEndArray();
            }

            End(writer);
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>
    /// The usual answer, without warnings and with a uid of printable ASCII that needs no escape (a UUID), copied as
    /// bytes into one span of <paramref name="output"/>: the envelope's fixed parts, the uid, the patch in base64. The
    /// same bytes the JSON writer writes (the other overloads), without its state, checks and a dozen calls into it.
    /// False, writing nothing, for any other uid.
    /// </summary>
    private static bool TryWritePlainMutation(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, ReadOnlyMemory<byte>? patch)
    {
        if (rawUid.ContainsAnyExcept(s_plainUidBytes))
        {
            return false;
        }

        var patchBytes = patch is { } some ? some.Span : default;
        var length = MutationHeadUtf8.Length + rawUid.Length + AllowedUtf8.Length + MutationEndUtf8.Length
            + (patch is null ? 0 : PatchStartUtf8.Length + Base64.GetMaxEncodedToUtf8Length(patchBytes.Length) + 1);
        var span = output.GetSpan(length);
        var at = Append(span, 0, MutationHeadUtf8);
        at = Append(span, at, rawUid);
        at = Append(span, at, AllowedUtf8);
        if (patch is not null)
        {
            at = Append(span, at, PatchStartUtf8);
            Base64.EncodeToUtf8(patchBytes, span[at..], out _, out var encoded);
            at += encoded;
            span[at++] = (byte)'"';
        }

        at = Append(span, at, MutationEndUtf8);
        output.Advance(at);
        return true;
    }

    private static int Append(Span<byte> into, int at, ReadOnlySpan<byte> part)
    {
        part.CopyTo(into[at..]);
        return at + part.Length;
    }

    /// <summary>What JSON writes as it is inside a string: printable ASCII but the quote and the backslash.</summary>
    private static readonly SearchValues<byte> s_plainUidBytes = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private static ReadOnlySpan<byte> MutationHeadUtf8 => "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\""u8;

    private static ReadOnlySpan<byte> AllowedUtf8 => "\",\"allowed\":true"u8;

    private static ReadOnlySpan<byte> PatchStartUtf8 => ",\"patchType\":\"JSONPatch\",\"patch\":\""u8;

    private static ReadOnlySpan<byte> MutationEndUtf8 => "}}"u8;

    public static void WriteValidation(IBufferWriter<byte> output, ReadOnlySpan<byte> rawUid, bool allowed, string? message, IEnumerable<string> warnings)
    {
        var writer = Rent(output);
        try
        {
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
        finally
        {
            Return(writer);
        }
    }

    /// <summary>The most bytes a mutation's answer can take: the envelope, the uid as sent, the patch in base64, each warning escaped.</summary>
    private static long MostMutationBytes(ReadOnlySpan<byte> rawUid, ReadOnlyMemory<byte>? patch, IReadOnlyList<InjectionWarning> warnings)
    {
        long most = 256 + rawUid.Length + (patch is { } bytes ? Base64.GetMaxEncodedToUtf8Length(bytes.Length) : 0);
        for (var i = 0; i < warnings.Count; i++)
        {
            // A character escaped as \uXXXX takes six bytes; a surrogate pair two such escapes.
            most += 3 + (long)warnings[i].Message.Length * 6;
        }

        return most;
    }

    private static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            return t_writer = new Utf8JsonWriter(output);
        }

        writer.Reset(output);
        return writer;
    }

    /// <summary>Flushes what is left into the response and detaches the writer from it (also after a failed write).</summary>
    private static void Return(Utf8JsonWriter writer)
    {
        try
        {
            writer.Flush();
        }
        finally
        {
            writer.Reset(s_detached);
        }
    }

    private static void WriteMutationStart(Utf8JsonWriter writer, ReadOnlySpan<byte> rawUid, ReadOnlyMemory<byte>? patch)
    {
        Start(writer, rawUid);
        writer.WriteBoolean("allowed"u8, true);
        if (patch is { } bytes)
        {
            writer.WriteString("patchType"u8, "JSONPatch"u8);
            writer.WriteBase64String("patch"u8, bytes.Span);
        }
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
        if (raw.Length > LargeAnswerBytes && NativeBufferWriter.TryCreate(raw.Length + 2) is { } held)
        {
            // A uid of megabytes (hostile) is quoted outside the GC heap, not in an array of its size.
            using (held)
            {
                WriteQuoted(writer, raw, held.GetSpan(raw.Length + 2));
            }

            return;
        }

        WriteQuoted(writer, raw, raw.Length <= 254 ? stackalloc byte[raw.Length + 2] : new byte[raw.Length + 2]);
    }

    private static void WriteQuoted(Utf8JsonWriter writer, ReadOnlySpan<byte> raw, Span<byte> quoted)
    {
        quoted[0] = (byte)'"';
        raw.CopyTo(quoted[1..]);
        quoted[raw.Length + 1] = (byte)'"';
        writer.WriteRawValue(quoted[..(raw.Length + 2)], skipInputValidation: false);
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
