using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>
/// Writes the RFC 6902 JSON Patch for a set of <see cref="PodChanges"/>. Each path has one writer: a changed env
/// or mount list is replaced whole (entries the pod had are copied byte for byte), new init containers are added
/// at their final positions in ascending order, new volumes and containers are appended.
/// </summary>
public static class PatchWriter
{
    /// <summary>"/spec/initContainers/" + an index + "/volumeMounts" fits easily.</summary>
    private const int MaxPathLength = 64;

    public static byte[] Write(PodChanges changes)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(changes, writer);
        }

        return buffer.WrittenSpan.ToArray();
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
                Op(writer, container.HasEnv ? "replace"u8 : "add"u8, path[..container.WritePath(path, "env"u8)]);
                writer.WritePropertyName("value"u8);
                JsonFragments.WriteEnv(writer, container.Env);
                writer.WriteEndObject();
            }
        }
    }

    private static void WriteMountEdits(Utf8JsonWriter writer, List<ContainerView> containers)
    {
        Span<byte> path = stackalloc byte[MaxPathLength];
        foreach (var container in containers)
        {
            if (container.MountsChanged)
            {
                Op(writer, container.HasVolumeMounts ? "replace"u8 : "add"u8, path[..container.WritePath(path, "volumeMounts"u8)]);
                writer.WritePropertyName("value"u8);
                writer.WriteStartArray();
                foreach (var mount in container.VolumeMounts)
                {
                    JsonFragments.WriteMount(writer, mount);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
    }

    private static void WriteInitContainers(Utf8JsonWriter writer, PodChanges changes)
    {
        if (!changes.Pod.HasInitContainers)
        {
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
                    writer.WritePropertyName("value"u8);
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
                Op(writer, "add"u8, path[..(prefix.Length + digits)]);
                writer.WritePropertyName("value"u8);
                writer.WriteRawValue(slot.Json.Span, skipInputValidation: true);
                writer.WriteEndObject();
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
            writer.WritePropertyName("value"u8);
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
            Op(writer, "add"u8, appendPath);
            writer.WritePropertyName("value"u8);
            writer.WriteRawValue(json.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }
    }

    /// <summary>Starts an operation object; the caller writes "value" and closes it.</summary>
    private static void Op(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ReadOnlySpan<byte> path)
    {
        writer.WriteStartObject();
        writer.WriteString("op"u8, op);
        writer.WriteString("path"u8, path);
    }
}
