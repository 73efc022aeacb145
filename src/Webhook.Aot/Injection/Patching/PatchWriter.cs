using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>
/// Writes the RFC 6902 JSON Patch for a set of <see cref="PodChanges"/>. Each path has one writer: a changed env
/// or mount list is replaced whole (entries the pod had are copied byte for byte), new init containers are added
/// at their final positions in ascending order, new volumes and containers are appended; the injected marker's
/// annotation and label are added to the pod's objects, or with them when the pod has none.
/// </summary>
public static class PatchWriter
{
    /// <summary>"/spec/initContainers/" + an index + "/volumeMounts" fits easily.</summary>
    private const int MaxPathLength = 64;

    /// <summary>A marker value up to this size is assembled on the stack: eight languages of ~300 bytes each fit.</summary>
    private const int MaxStackMarkerLength = 4096;

    private static readonly byte[] s_markerAnnotationPath = Encoding.UTF8.GetBytes("/metadata/annotations/" + PointerToken(InjectedMarker.AnnotationName));
    private static readonly byte[] s_markerLabelPath = Encoding.UTF8.GetBytes("/metadata/labels/" + PointerToken(InjectedMarker.LabelName));
    private static readonly JsonEncodedText s_markerAnnotationName = JsonEncodedText.Encode(InjectedMarker.AnnotationName);
    private static readonly JsonEncodedText s_markerLabelName = JsonEncodedText.Encode(InjectedMarker.LabelName);

    /// <summary>The names every operation writes, escaped once (a span name is checked for escaping at each write).</summary>
    private static readonly JsonEncodedText s_op = JsonEncodedText.Encode("op"u8);
    private static readonly JsonEncodedText s_path = JsonEncodedText.Encode("path"u8);
    private static readonly JsonEncodedText s_value = JsonEncodedText.Encode("value"u8);

    /// <summary>A container's env or mounts operation up to this size is assembled on the stack (a typical env one is about 2.3 KB).</summary>
    private const int MaxStackListOpLength = 8192;

    /// <summary>An operation whose value is JSON already, up to this size, is assembled on the stack and written in one piece.</summary>
    private const int MaxStackOpLength = 2048;

    /// <summary>The label operation, as <see cref="WriteMarker"/> writes it for a pod with labels: the same bytes for every pod.</summary>
    private static readonly byte[] s_markerLabelOp = Written(writer =>
    {
        Op(writer, "add"u8, s_markerLabelPath);
        writer.WriteString("value"u8, InjectedMarker.LabelValue);
        writer.WriteEndObject();
    });

    public static byte[] Write(PodChanges changes)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(changes, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// About how many bytes <see cref="Write(PodChanges, Utf8JsonWriter)"/> writes for <paramref name="changes"/>, in time
    /// linear in the changed lists and with nothing decoded: the replaced env and mount lists (entries with JSON of their
    /// own count it, added ones their texts and keys), the added objects' JSON, and room for the rest. A large pod's
    /// output buffer is sized with it once instead of doubling from small (a 5,000-container patch of 6 MB went
    /// through eleven arrays). Texts count one byte per character: one that needs escaping may still grow the buffer.
    /// </summary>
    public static long EstimateLength(PodChanges changes)
    {
        var length = AddedLength(changes) + EstimateEdits(changes.Pod.Containers) + EstimateEdits(changes.Pod.InitContainers);
        // A sixteenth more for texts that need escaping, and room for the marker and the small operations.
        return length + length / 16 + 4096;
    }

    /// <summary>
    /// The added init containers, volumes and containers, as written in the fragments (not the whole fragments: env
    /// entries written there are counted with their lists).
    /// </summary>
    private static long AddedLength(PodChanges changes)
    {
        long length = 0;
        foreach (var slot in changes.InitContainers)
        {
            length += slot.Json.Length;
        }

        foreach (var (_, json) in changes.NewVolumes)
        {
            length += json.Length;
        }

        foreach (var (_, json) in changes.NewContainers)
        {
            length += json.Length;
        }

        return length;
    }

    private static long EstimateEdits(List<ContainerView> containers)
    {
        const int OpLength = MaxPathLength + 32;
        long length = 0;
        foreach (var container in containers)
        {
            if (container.EnvChanged)
            {
                length += OpLength;
                foreach (ref readonly var entry in CollectionsMarshal.AsSpan(container.Env))
                {
                    length += JsonFragments.EstimateEnvEntryLength(entry);
                }
            }

            if (container.MountsChanged)
            {
                length += OpLength;
                foreach (ref readonly var mount in CollectionsMarshal.AsSpan(container.VolumeMounts))
                {
                    length += JsonFragments.EstimateMountLength(mount);
                }
            }
        }

        return length;
    }

    /// <summary>Writes the patch with <paramref name="writer"/> (already pointed at its output) and flushes it.</summary>
    public static void Write(PodChanges changes, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        WriteEnvEdits(writer, changes.Pod.Containers);
        WriteEnvEdits(writer, changes.Pod.InitContainers);
        WriteMountEdits(writer, changes.Pod.Containers);
        WriteMountEdits(writer, changes.Pod.InitContainers);
        WriteInitContainers(writer, changes);
        WriteAppends(writer, "/spec/volumes"u8, "/spec/volumes/-"u8, changes.Pod.HasVolumes, changes.NewVolumes);
        WriteAppends(writer, "/spec/containers"u8, "/spec/containers/-"u8, hasArray: true, changes.NewContainers);
        if (changes.SetShareProcessNamespace)
        {
            Op(writer, "add"u8, "/spec/shareProcessNamespace"u8);
            writer.WriteBoolean("value"u8, true);
            writer.WriteEndObject();
        }

        if (changes.HasMarker)
        {
            WriteMarker(writer, changes);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    private static void WriteEnvEdits(Utf8JsonWriter writer, List<ContainerView> containers)
    {
        Span<byte> path = stackalloc byte[MaxPathLength];
        foreach (var container in containers)
        {
            if (container.EnvChanged)
            {
                var op = container.HasEnv ? "replace"u8 : "add"u8;
                var envPath = path[..container.WritePath(path, "env"u8)];
                if (!TryWriteEnvOp(writer, op, envPath, container.Env))
                {
                    WriteEnvOpByParts(writer, op, envPath, container.Env);
                }
            }
        }
    }

    /// <summary>A container's env operation through the writer, part by part: what <see cref="TryWriteEnvOp"/> cannot write.</summary>
    internal static void WriteEnvOpByParts(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path, List<EnvEntry> env)
    {
        Op(writer, op, path);
        writer.WritePropertyName(s_value);
        JsonFragments.WriteEnv(writer, env);
        writer.WriteEndObject();
    }

    /// <summary>
    /// A container's env operation assembled on the stack and given to the writer in one piece, when it fits
    /// <see cref="MaxStackListOpLength"/> and every entry is copied as written (<see cref="JsonFragments.WriteEnv"/>'s
    /// copies) or is an added literal JSON writes as it is: the bytes <see cref="Op"/>, <see cref="JsonFragments.WriteEnv"/>
    /// and the end of the object write, with one call into the writer instead of a dozen. False, writing nothing, otherwise.
    /// </summary>
    [SkipLocalsInit] // every byte is written before the writer reads it
    internal static bool TryWriteEnvOp(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path, List<EnvEntry> env)
    {
        var entries = CollectionsMarshal.AsSpan(env);
        // "]}", and a comma counted for every entry (one more than there are).
        long length = OpHeadUtf8.Length + op.Length + OpPathNameUtf8.Length + path.Length + OpValueArrayUtf8.Length + 2;
        foreach (ref readonly var entry in entries)
        {
            if (!entry.Raw.IsEmpty && !entry.IsModified)
            {
                length += entry.Raw.Length + 1;
            }
            else if (entry.Raw.IsEmpty && entry.FieldPath is null)
            {
                length += FragmentEnv.LiteralLength(entry.Name, entry.Value ?? "") + 1;
            }
            else
            {
                return false;
            }

            if (length > MaxStackListOpLength)
            {
                return false;
            }
        }

        Span<byte> bytes = stackalloc byte[(int)length];
        var at = OpStart(bytes, op, path);
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)',';
            }

            ref readonly var entry = ref entries[i];
            if (!entry.Raw.IsEmpty)
            {
                at = Append(bytes, at, entry.Raw.Span);
                continue;
            }

            var name = entry.Name;
            var value = entry.Value ?? "";
            if (!FragmentEnv.TryWriteLiteral(bytes[at..], name, value))
            {
                return false;
            }

            at += FragmentEnv.LiteralLength(name, value);
        }

        bytes[at++] = (byte)']';
        bytes[at++] = (byte)'}';
        writer.WriteRawValue(bytes[..at], skipInputValidation: true);
        return true;
    }

    private static void WriteMountEdits(Utf8JsonWriter writer, List<ContainerView> containers)
    {
        Span<byte> path = stackalloc byte[MaxPathLength];
        foreach (var container in containers)
        {
            if (container.MountsChanged)
            {
                var op = container.HasVolumeMounts ? "replace"u8 : "add"u8;
                var mountsPath = path[..container.WritePath(path, "volumeMounts"u8)];
                if (!TryWriteMountsOp(writer, op, mountsPath, container.VolumeMounts))
                {
                    WriteMountsOpByParts(writer, op, mountsPath, container.VolumeMounts);
                }
            }
        }
    }

    /// <summary>A container's mounts operation through the writer, part by part: what <see cref="TryWriteMountsOp"/> cannot write.</summary>
    internal static void WriteMountsOpByParts(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path, List<VolumeMountView> mounts)
    {
        Op(writer, op, path);
        writer.WritePropertyName(s_value);
        writer.WriteStartArray();
        foreach (var mount in mounts)
        {
            JsonFragments.WriteMount(writer, mount);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// A container's mounts operation assembled on the stack and given to the writer in one piece, as
    /// <see cref="TryWriteEnvOp"/> does for env: the pod's mounts as written, the added ones when JSON writes their
    /// texts as they are. False, writing nothing, otherwise.
    /// </summary>
    [SkipLocalsInit] // every byte is written before the writer reads it
    internal static bool TryWriteMountsOp(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path, List<VolumeMountView> mounts)
    {
        var entries = CollectionsMarshal.AsSpan(mounts);
        long length = OpHeadUtf8.Length + op.Length + OpPathNameUtf8.Length + path.Length + OpValueArrayUtf8.Length + 2;
        foreach (ref readonly var mount in entries)
        {
            length += (mount.Raw.IsEmpty ? JsonFragments.AddedMountLength(mount) : mount.Raw.Length) + 1;
            if (length > MaxStackListOpLength)
            {
                return false;
            }
        }

        Span<byte> bytes = stackalloc byte[(int)length];
        var at = OpStart(bytes, op, path);
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)',';
            }

            ref readonly var mount = ref entries[i];
            if (!mount.Raw.IsEmpty)
            {
                at = Append(bytes, at, mount.Raw.Span);
            }
            else if (JsonFragments.TryWriteAddedMount(bytes[at..], mount))
            {
                at += JsonFragments.AddedMountLength(mount);
            }
            else
            {
                return false;
            }
        }

        bytes[at++] = (byte)']';
        bytes[at++] = (byte)'}';
        writer.WriteRawValue(bytes[..at], skipInputValidation: true);
        return true;
    }

    private static ReadOnlySpan<byte> OpHeadUtf8 => "{\"op\":\""u8;

    private static ReadOnlySpan<byte> OpPathNameUtf8 => "\",\"path\":\""u8;

    private static ReadOnlySpan<byte> OpValueArrayUtf8 => "\",\"value\":["u8;

    /// <summary><c>{"op":OP,"path":PATH,"value":[</c> at the start of <paramref name="into"/>; returns where it ends.</summary>
    private static int OpStart(Span<byte> into, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path)
    {
        var at = Append(into, 0, OpHeadUtf8);
        at = Append(into, at, op);
        at = Append(into, at, OpPathNameUtf8);
        at = Append(into, at, path);
        return Append(into, at, OpValueArrayUtf8);
    }

    private static void WriteInitContainers(Utf8JsonWriter writer, PodChanges changes)
    {
        if (!changes.Pod.HasInitContainers)
        {
            if (OnlyAdded(changes.InitContainers) is { } only)
            {
                AddOp(writer, "/spec/initContainers"u8, only.Json.Span, inArray: true);
                return;
            }

            var started = false;
            foreach (var slot in changes.InitContainers)
            {
                if (!slot.IsAdded)
                {
                    continue;
                }

                if (!started)
                {
                    Op(writer, "add"u8, "/spec/initContainers"u8);
                    writer.WritePropertyName(s_value);
                    writer.WriteStartArray();
                    started = true;
                }

                writer.WriteRawValue(slot.Json.Span, skipInputValidation: true);
            }

            if (started)
            {
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return;
        }

        // Ascending final positions: each add lands where the final list wants it, the earlier ones already in place.
        Span<byte> path = stackalloc byte[MaxPathLength];
        var prefix = "/spec/initContainers/"u8;
        prefix.CopyTo(path);
        for (var i = 0; i < changes.InitContainers.Count; i++)
        {
            if (changes.InitContainers[i] is { IsAdded: true } slot)
            {
                Utf8Formatter.TryFormat(i, path[prefix.Length..], out var digits);
                AddOp(writer, path[..(prefix.Length + digits)], slot.Json.Span);
            }
        }
    }

    private static void WriteAppends(Utf8JsonWriter writer, ReadOnlySpan<byte> path, ReadOnlySpan<byte> appendPath, bool hasArray,
        List<(string Name, ReadOnlyMemory<byte> Json)> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        if (!hasArray)
        {
            Op(writer, "add"u8, path);
            writer.WritePropertyName(s_value);
            writer.WriteStartArray();
            foreach (var (_, json) in items)
            {
                writer.WriteRawValue(json.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }

        foreach (var (_, json) in items)
        {
            AddOp(writer, appendPath, json.Span);
        }
    }

    /// <summary>The one init container injection adds when it adds one and the pod has none; null otherwise.</summary>
    private static InitContainerSlot? OnlyAdded(List<InitContainerSlot> slots)
        => slots.Count == 1 && slots[0].IsAdded ? slots[0] : null;

    /// <summary>
    /// <c>{"op":"add","path":PATH,"value":VALUE}</c> (<c>[VALUE]</c> when <paramref name="inArray"/>), the bytes <see cref="Op"/>, the value as raw JSON and
    /// the end of the object write, given to the writer in one piece when they fit <see cref="MaxStackOpLength"/>: one
    /// call instead of five, for operations whose value is JSON already. <paramref name="path"/> is one of ours, with
    /// nothing JSON escapes.
    /// </summary>
    private static void AddOp(Utf8JsonWriter writer, ReadOnlySpan<byte> path, ReadOnlySpan<byte> value, bool inArray = false)
    {
        var before = inArray ? "["u8 : default;
        var after = inArray ? "]"u8 : default;
        ReadOnlySpan<byte> head = "{\"op\":\"add\",\"path\":\""u8;
        ReadOnlySpan<byte> valueName = "\",\"value\":"u8;
        var length = head.Length + path.Length + valueName.Length + before.Length + value.Length + after.Length + 1;
        if (length > MaxStackOpLength)
        {
            Op(writer, "add"u8, path);
            writer.WritePropertyName(s_value);
            if (inArray)
            {
                writer.WriteStartArray();
            }

            writer.WriteRawValue(value, skipInputValidation: true);
            if (inArray)
            {
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            return;
        }

        Span<byte> op = stackalloc byte[length];
        var at = Append(op, 0, head);
        at = Append(op, at, path);
        at = Append(op, at, valueName);
        at = Append(op, at, before);
        at = Append(op, at, value);
        at = Append(op, at, after);
        op[at] = (byte)'}';
        writer.WriteRawValue(op, skipInputValidation: true);
    }

    private static int Append(Span<byte> into, int at, ReadOnlySpan<byte> part)
    {
        part.CopyTo(into[at..]);
        return at + part.Length;
    }


    /// <summary>
    /// The marker annotation and label: "add" on the key's path when the pod has the object (which replaces an earlier
    /// value), or the whole object (or metadata) when it has none. A label already "true" is left as it is.
    /// </summary>
    private static void WriteMarker(Utf8JsonWriter writer, PodChanges changes)
    {
        var pod = changes.Pod;
        var length = InjectedMarkerJson.ValueLength(changes.MarkerEntries);
        Span<byte> value = length <= MaxStackMarkerLength ? stackalloc byte[length] : new byte[length];
        value = value[..InjectedMarkerJson.WriteValue(changes.MarkerEntries, value)];
        if (!pod.HasMetadata)
        {
            Op(writer, "add"u8, "/metadata"u8);
            writer.WriteStartObject("value"u8);
            writer.WriteStartObject("annotations"u8);
            writer.WritePropertyName(s_markerAnnotationName);
            writer.WriteRawValue(value, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteStartObject("labels"u8);
            writer.WriteString(s_markerLabelName, InjectedMarker.LabelValue);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            return;
        }

        if (pod.HasAnnotations)
        {
            AddOp(writer, s_markerAnnotationPath, value);
        }
        else
        {
            Op(writer, "add"u8, "/metadata/annotations"u8);
            writer.WriteStartObject("value"u8);
            writer.WritePropertyName(s_markerAnnotationName);
            writer.WriteRawValue(value, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (pod.Label(InjectedMarker.LabelName) == InjectedMarker.LabelValue)
        {
            return;
        }

        if (pod.HasLabels)
        {
            writer.WriteRawValue(s_markerLabelOp, skipInputValidation: true);
            return;
        }

        Op(writer, "add"u8, "/metadata/labels"u8);
        writer.WriteStartObject("value"u8);
        writer.WriteString(s_markerLabelName, InjectedMarker.LabelValue);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static byte[] Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A key as a JSON Pointer token (RFC 6901): "~" is "~0", "/" is "~1".</summary>
    private static string PointerToken(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Starts an operation object; the caller writes "value" and closes it.</summary>
    private static void Op(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path)
    {
        writer.WriteStartObject();
        writer.WriteString(s_op, op);
        writer.WriteString(s_path, path);
    }
}
