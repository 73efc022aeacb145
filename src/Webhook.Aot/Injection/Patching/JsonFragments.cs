using System.Buffers;
using System.Text.Json;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>Writes the JSON of the objects injection adds (env entries, mounts) and builds small fragments.</summary>
public static class JsonFragments
{
    public static void WriteEnv(Utf8JsonWriter writer, List<EnvEntry> env)
    {
        writer.WriteStartArray();
        foreach (var entry in env)
        {
            WriteEnvEntry(writer, entry);
        }

        writer.WriteEndArray();
    }

    public static void WriteEnvEntry(Utf8JsonWriter writer, EnvEntry entry)
    {
        if (!entry.Raw.IsEmpty && !entry.IsModified)
        {
            writer.WriteRawValue(entry.Raw.Span, skipInputValidation: true);
            return;
        }

        if (!entry.Raw.IsEmpty && entry.FieldPath is null && ValueRange(entry.Raw.Span) is var (start, end) && end > start)
        {
            // A changed entry the pod (or the Instrumentation) wrote: only its value changes, every other field stays as written.
            var raw = entry.Raw.Span;
            var value = Build(w => w.WriteStringValue(entry.Value ?? ""));
            var spliced = new byte[start + value.Length + (raw.Length - end)];
            raw[..start].CopyTo(spliced);
            value.CopyTo(spliced.AsSpan(start));
            raw[end..].CopyTo(spliced.AsSpan(start + value.Length));
            writer.WriteRawValue(spliced, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("name"u8, entry.Name);
        if (entry.FieldPath is { } fieldPath)
        {
            writer.WriteStartObject("valueFrom"u8);
            writer.WriteStartObject("fieldRef"u8);
            writer.WriteString("fieldPath"u8, fieldPath);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("value"u8, entry.Value ?? "");
        }

        writer.WriteEndObject();
    }

    /// <summary>Where the top-level <c>value</c> string of an env entry object sits in its JSON; (0, 0) when it has none.</summary>
    private static (int Start, int End) ValueRange(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (0, 0);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.String)
            {
                return ((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
            }

            reader.Skip();
        }

        return (0, 0);
    }

    public static byte[] Mount(string name, string mountPath, bool readOnly = false) => Build(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("mountPath"u8, mountPath);
        if (readOnly)
        {
            writer.WriteBoolean("readOnly"u8, true);
        }

        writer.WriteEndObject();
    });

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
