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
