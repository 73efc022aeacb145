using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Webhook.Crd;
using Webhook.Injection.Table;

namespace Webhook.Injection.Patching;

/// <summary>
/// The JSON of the <see cref="InjectedMarker"/> annotation's entries, each already escaped as the content of a JSON
/// string (the annotation value is a string holding JSON), so the patch writer only copies bytes: one entry is
/// <c>"java":{"instrumentation":"ns/name","generation":3,"resourceVersion":"81234","image":"…"}</c>.
/// A snapshot computes them once per Instrumentation and language (<see cref="Snapshot.InstrumentationSnapshot"/>).
/// </summary>
public static class InjectedMarkerJson
{
    /// <summary>Escapes only what a JSON string must (<c>\"</c>, not <c>\u0022</c>), so the patch stays readable.</summary>
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One escaped entry per table language (indexed by <see cref="Language"/>) for <paramref name="instrumentation"/>.</summary>
    public static byte[][] Entries(Instrumentation instrumentation)
    {
        var entries = new byte[InjectionTable.All.Length][];
        foreach (var rule in InjectionTable.All)
        {
            entries[(int)rule.Language] = Entry(instrumentation, rule);
        }

        return entries;
    }

    /// <summary>The escaped entry of <paramref name="rule"/>'s language injected from <paramref name="instrumentation"/>.</summary>
    public static byte[] Entry(Instrumentation instrumentation, LanguageRule rule)
    {
        var metadata = instrumentation.Metadata;
        var raw = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(raw, s_options))
        {
            writer.WriteStartObject();
            writer.WriteString("instrumentation"u8, metadata?.Namespace + "/" + metadata?.Name);
            foreach (var (name, value) in metadata?.Other ?? [])
            {
                if (name == "generation" && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var generation))
                {
                    writer.WriteNumber("generation"u8, generation);
                }
                else if (name == "resourceVersion" && value.ValueKind == JsonValueKind.String)
                {
                    writer.WriteString("resourceVersion"u8, value.GetString());
                }
            }

            // The agent image: the init container's, or the Go sidecar's; SDK-only injection has none.
            if (rule.SpecField is { } specField && instrumentation.Spec?.Language(specField)?.Image is { Length: > 0 } image)
            {
                writer.WriteString("image"u8, image);
            }

            writer.WriteEndObject();
        }

        return Escaped(rule.Name, raw.WrittenSpan);
    }

    /// <summary><c>"language":entry</c>, escaped as JSON string content; <paramref name="entryJson"/> is the entry's object.</summary>
    public static byte[] Escaped(string language, ReadOnlySpan<byte> entryJson)
    {
        var escaped = new ArrayBufferWriter<byte>(entryJson.Length * 2 + language.Length + 16);
        using (var writer = new Utf8JsonWriter(escaped, s_options))
        {
            var entry = new ArrayBufferWriter<byte>(entryJson.Length + language.Length + 8);
            using (var inner = new Utf8JsonWriter(entry, s_options))
            {
                inner.WriteStartObject();
                inner.WritePropertyName(language);
                inner.WriteRawValue(entryJson, skipInputValidation: true);
                inner.WriteEndObject();
            }

            // "{" and "}" of the object written above are dropped: entries are joined into one object by the writer.
            writer.WriteStringValue(entry.WrittenSpan[1..^1]);
        }

        return escaped.WrittenSpan[1..^1].ToArray();
    }

    /// <summary>
    /// The annotation value as the patch writes it, a JSON string of the object joining <paramref name="entries"/> (the
    /// set ones, in order), into <paramref name="destination"/>; the number of bytes, or -1 when it does not fit.
    /// </summary>
    public static int WriteValue(ReadOnlySpan<ReadOnlyMemory<byte>> entries, Span<byte> destination)
    {
        var length = ValueLength(entries);
        if (length > destination.Length)
        {
            return -1;
        }

        var at = 0;
        destination[at++] = (byte)'"';
        destination[at++] = (byte)'{';
        var first = true;
        foreach (var entry in entries)
        {
            if (entry.IsEmpty)
            {
                continue;
            }

            if (!first)
            {
                destination[at++] = (byte)',';
            }

            first = false;
            entry.Span.CopyTo(destination[at..]);
            at += entry.Length;
        }

        destination[at++] = (byte)'}';
        destination[at++] = (byte)'"';
        return at;
    }

    /// <summary>The length <see cref="WriteValue"/> needs.</summary>
    public static int ValueLength(ReadOnlySpan<ReadOnlyMemory<byte>> entries)
    {
        var length = 4;
        var count = 0;
        foreach (var entry in entries)
        {
            if (!entry.IsEmpty)
            {
                length += entry.Length;
                count++;
            }
        }

        return length + Math.Max(0, count - 1);
    }
}
