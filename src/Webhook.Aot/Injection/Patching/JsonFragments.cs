using System.Runtime.InteropServices;
using System.Text.Json;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>Writes the JSON of the small objects injection adds or changes: env entries and volume mounts.</summary>
public static class JsonFragments
{
    /// <summary>An added entry or mount up to this size is assembled on the stack and given to the writer in one piece.</summary>
    private const int MaxStackEntryLength = 1024;

    /// <summary>
    /// The list as an array. Entries copied as written that stand one after the other in the same bytes, a comma
    /// apart (a pod's own entries in a compact request; entries prewritten together), are copied in one piece:
    /// the same bytes as one by one, with one call into the writer instead of one per entry.
    /// </summary>
    public static void WriteEnv(Utf8JsonWriter writer, List<EnvEntry> env)
    {
        writer.WriteStartArray();
        var entries = CollectionsMarshal.AsSpan(env);
        for (var i = 0; i < entries.Length;)
        {
            ref readonly var entry = ref entries[i++];
            if (entry.Raw.IsEmpty || entry.IsModified || !MemoryMarshal.TryGetArray(entry.Raw, out var run))
            {
                WriteEnvEntry(writer, entry);
                continue;
            }

            var end = run.Offset + run.Count;
            while (i < entries.Length && Follows(run.Array!, end, entries[i]))
            {
                end += 1 + entries[i++].Raw.Length;
            }

            writer.WriteRawValue(run.Array.AsSpan(run.Offset, end - run.Offset), skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    /// <summary>Whether <paramref name="next"/> is copied as written from <paramref name="bytes"/> right after a comma at <paramref name="at"/>.</summary>
    /// <remarks>
    /// Its bytes are those bytes when its memory is the same array, start and length (compared field by field, without
    /// asking the memory for its array, a call NativeAOT's size-preferring code does not inline).
    /// </remarks>
    private static bool Follows(byte[] bytes, int at, in EnvEntry next)
    {
        var raw = next.Raw;
        return !next.IsModified && raw.Length > 0 && raw.Length < bytes.Length - at && bytes[at] == (byte)','
            && raw.Equals(new ReadOnlyMemory<byte>(bytes, at + 1, raw.Length));
    }

    public static void WriteEnvEntry(Utf8JsonWriter writer, in EnvEntry entry)
    {
        if (!entry.Raw.IsEmpty && !entry.IsModified)
        {
            writer.WriteRawValue(entry.Raw.Span, skipInputValidation: true);
            return;
        }

        if (!entry.Raw.IsEmpty && entry.FieldPath is null && WriteWithNewValue(writer, entry.Raw.Span, entry.Value ?? ""))
        {
            return;
        }

        if (entry.Raw.IsEmpty && entry.FieldPath is null && TryWriteLiteral(writer, entry.Name, entry.Value ?? ""))
        {
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

    /// <summary>A mount the pod had, as written; one injection adds, from its fields.</summary>
    /// <summary>
    /// About what <see cref="WriteEnvEntry"/> writes for <paramref name="entry"/> (a text counted a byte per
    /// character), without decoding a pod's texts: for <see cref="PatchWriter.EstimateLength"/>.
    /// </summary>
    public static int EstimateEnvEntryLength(in EnvEntry entry)
    {
        if (!entry.Raw.IsEmpty)
        {
            // A changed value replaces the one in the entry's JSON.
            return entry.Raw.Length + (entry.IsModified ? entry.Value?.Length ?? 0 : 0);
        }

        // {"name":"","value":""}, or {"name":"","valueFrom":{"fieldRef":{"fieldPath":""}}}, and a comma.
        return entry.Name.Length + (entry.FieldPath is { } path ? path.Length + 52 : (entry.Value ?? "").Length + 23);
    }

    /// <summary>About what <see cref="WriteMount"/> writes for <paramref name="mount"/>: for <see cref="PatchWriter.EstimateLength"/>.</summary>
    public static int EstimateMountLength(in VolumeMountView mount)
        => mount.Raw.IsEmpty ? mount.Name.Length + mount.MountPath.Length + (mount.ReadOnly ? 43 : 27) : mount.Raw.Length + 1;

    public static void WriteMount(Utf8JsonWriter writer, in VolumeMountView mount)
    {
        if (!mount.Raw.IsEmpty)
        {
            writer.WriteRawValue(mount.Raw.Span, skipInputValidation: true);
            return;
        }

        if (TryWriteAddedMount(writer, mount))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("name"u8, mount.Name);
        writer.WriteString("mountPath"u8, mount.MountPath);
        if (mount.ReadOnly)
        {
            writer.WriteBoolean("readOnly"u8, true);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// An added literal entry (the service name) given to the writer as its bytes in one piece, when its texts are
    /// ASCII that JSON writes as they are (<see cref="FragmentEnv.TryWriteLiteral"/>): one call into the writer instead
    /// of four. False, writing nothing, otherwise.
    /// </summary>
    private static bool TryWriteLiteral(Utf8JsonWriter writer, string name, string value)
    {
        var length = FragmentEnv.LiteralLength(name, value);
        if (length > MaxStackEntryLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[length];
        if (!FragmentEnv.TryWriteLiteral(bytes, name, value))
        {
            return false;
        }

        writer.WriteRawValue(bytes, skipInputValidation: true);
        return true;
    }

    /// <summary>
    /// An added mount given to the writer as its bytes in one piece (<see cref="TryWriteAddedMount(Span{byte}, in VolumeMountView)"/>);
    /// false, writing nothing, when its texts need escaping.
    /// </summary>
    private static bool TryWriteAddedMount(Utf8JsonWriter writer, in VolumeMountView mount)
    {
        var length = AddedMountLength(mount);
        if (length > MaxStackEntryLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[length];
        if (!TryWriteAddedMount(bytes, mount))
        {
            return false;
        }

        writer.WriteRawValue(bytes, skipInputValidation: true);
        return true;
    }

    private static ReadOnlySpan<byte> MountHeadUtf8 => "{\"name\":\""u8;

    private static ReadOnlySpan<byte> MountPathNameUtf8 => "\",\"mountPath\":\""u8;

    private static ReadOnlySpan<byte> MountReadOnlyEndUtf8 => "\",\"readOnly\":true}"u8;

    private static ReadOnlySpan<byte> MountEndUtf8 => "\"}"u8;

    /// <summary>How many bytes <see cref="TryWriteAddedMount(Span{byte}, in VolumeMountView)"/> writes.</summary>
    public static int AddedMountLength(in VolumeMountView mount)
        => MountHeadUtf8.Length + mount.Name.Length + MountPathNameUtf8.Length + mount.MountPath.Length
            + (mount.ReadOnly ? MountReadOnlyEndUtf8.Length : MountEndUtf8.Length);

    /// <summary>
    /// An added mount, <c>{"name":…,"mountPath":…}</c> (<c>,"readOnly":true</c> after when read-only), the bytes the writer
    /// writes from its fields, into the first <see cref="AddedMountLength"/> bytes of <paramref name="into"/>, when its
    /// texts are ASCII that JSON writes as they are; false otherwise (what it wrote is then to be ignored).
    /// </summary>
    public static bool TryWriteAddedMount(Span<byte> into, in VolumeMountView mount)
    {
        string name = mount.Name, path = mount.MountPath;
        var pathStart = MountHeadUtf8.Length + name.Length + MountPathNameUtf8.Length;
        if (!FragmentEnv.TryCopyPlain(name, into.Slice(MountHeadUtf8.Length, name.Length)) || !FragmentEnv.TryCopyPlain(path, into.Slice(pathStart, path.Length)))
        {
            return false;
        }

        MountHeadUtf8.CopyTo(into);
        MountPathNameUtf8.CopyTo(into[(MountHeadUtf8.Length + name.Length)..]);
        (mount.ReadOnly ? MountReadOnlyEndUtf8 : MountEndUtf8).CopyTo(into[(pathStart + path.Length)..]);
        return true;
    }

    /// <summary>
    /// A changed entry the pod (or the Instrumentation) wrote: every field as written but a new top-level
    /// <c>value</c> string. False, writing nothing, when the entry has no such string to replace.
    /// </summary>
    private static bool WriteWithNewValue(Utf8JsonWriter writer, ReadOnlySpan<byte> raw, string value)
    {
        if (!HasStringValue(raw))
        {
            return false;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            WritePropertyName(writer, ref reader);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.String)
            {
                writer.WriteStringValue(value);
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            writer.WriteRawValue(raw[start..(int)reader.BytesConsumed], skipInputValidation: true);
        }

        writer.WriteEndObject();
        return true;
    }

    private static bool HasStringValue(ReadOnlySpan<byte> raw)
    {
        var reader = new Utf8JsonReader(raw);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.String)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The property name the reader is on, unescaped then written (escaped again as the writer does).</summary>
    private static void WritePropertyName(Utf8JsonWriter writer, ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WritePropertyName(reader.ValueSpan);
            return;
        }

        Span<byte> name = stackalloc byte[256];
        var unescaped = reader.ValueSpan.Length <= name.Length ? name[..reader.CopyString(name)] : System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
        writer.WritePropertyName(unescaped);
    }
}
