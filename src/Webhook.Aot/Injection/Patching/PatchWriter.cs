using System.Buffers;
using System.Globalization;
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
    public static byte[] Write(PodChanges changes)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            WriteContainerEdits(writer, changes);
            WriteInitContainers(writer, changes);
            WriteAppends(writer, "/spec/volumes", changes.Pod.HasVolumes, changes.NewVolumes);
            WriteAppends(writer, "/spec/containers", hasArray: true, changes.NewContainers);
            if (changes.SetShareProcessNamespace)
            {
                Op(writer, "add", "/spec/shareProcessNamespace");
                writer.WriteBoolean("value"u8, true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteContainerEdits(Utf8JsonWriter writer, PodChanges changes)
    {
        foreach (var container in Ordered(changes.EnvChanged))
        {
            Op(writer, container.HasEnv ? "replace" : "add", container.Path + "/env");
            writer.WritePropertyName("value"u8);
            JsonFragments.WriteEnv(writer, container.Env);
            writer.WriteEndObject();
        }

        foreach (var container in Ordered(changes.MountsChanged))
        {
            Op(writer, container.HasVolumeMounts ? "replace" : "add", container.Path + "/volumeMounts");
            writer.WritePropertyName("value"u8);
            writer.WriteStartArray();
            foreach (var mount in container.VolumeMounts)
            {
                writer.WriteRawValue(mount.Raw.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static void WriteInitContainers(Utf8JsonWriter writer, PodChanges changes)
    {
        if (!changes.Pod.HasInitContainers)
        {
            var added = changes.InitContainers.FindAll(slot => slot.Json is not null);
            if (added.Count > 0)
            {
                Op(writer, "add", "/spec/initContainers");
                writer.WritePropertyName("value"u8);
                writer.WriteStartArray();
                foreach (var slot in added)
                {
                    writer.WriteRawValue(slot.Json!, skipInputValidation: true);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return;
        }

        // Ascending final positions: each add lands where the final list wants it, the earlier ones already in place.
        for (var i = 0; i < changes.InitContainers.Count; i++)
        {
            if (changes.InitContainers[i].Json is { } json)
            {
                Op(writer, "add", "/spec/initContainers/" + i.ToString(CultureInfo.InvariantCulture));
                writer.WritePropertyName("value"u8);
                writer.WriteRawValue(json, skipInputValidation: true);
                writer.WriteEndObject();
            }
        }
    }

    private static void WriteAppends(Utf8JsonWriter writer, string path, bool hasArray, List<(string Name, byte[] Json)> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        if (!hasArray)
        {
            Op(writer, "add", path);
            writer.WritePropertyName("value"u8);
            writer.WriteStartArray();
            foreach (var (_, json) in items)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }

        foreach (var (_, json) in items)
        {
            Op(writer, "add", path + "/-");
            writer.WritePropertyName("value"u8);
            writer.WriteRawValue(json, skipInputValidation: true);
            writer.WriteEndObject();
        }
    }

    /// <summary>Starts an operation object; the caller writes "value" and closes it.</summary>
    private static void Op(Utf8JsonWriter writer, string op, string path)
    {
        writer.WriteStartObject();
        writer.WriteString("op"u8, op);
        writer.WriteString("path"u8, path);
    }

    private static IEnumerable<ContainerView> Ordered(IEnumerable<ContainerView> containers)
        => containers.OrderBy(c => c.IsInit).ThenBy(c => c.Index);
}
