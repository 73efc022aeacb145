using System.Text.Json;
using Webhook.Injection.Text;

namespace Webhook.Injection.Pods;

/// <summary>Thrown when the pod JSON cannot be read; the message names the field.</summary>
public sealed class PodFormatException(string message) : Exception(message);

/// <summary>
/// Walks a pod's JSON once with <see cref="Utf8JsonReader"/> and fills a <see cref="PodView"/>; subtrees it does
/// not need are skipped, never materialised. Strings come from <see cref="TextCache"/>, raw JSON stays a slice
/// of the input, so reading a pod seen before allocates nothing.
/// </summary>
public static class PodReader
{
    public static PodView Read(ReadOnlyMemory<byte> json)
    {
        var pod = new PodView();
        Read(json, pod);
        return pod;
    }

    /// <summary>Reads into <paramref name="pod"/>, which is cleared first.</summary>
    public static void Read(ReadOnlyMemory<byte> json, PodView pod)
    {
        pod.Clear();
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new PodFormatException("the pod must be a JSON object");
            }

            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    pod.HasMetadata = reader.TokenType == JsonTokenType.StartObject;
                    ReadMetadata(ref reader, pod);
                }
                else if (reader.ValueTextEquals("spec"u8))
                {
                    reader.Read();
                    ReadSpec(ref reader, json, pod);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
        catch (JsonException e)
        {
            throw new PodFormatException("the pod is not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new PodFormatException("a pod field has the wrong type: " + e.Message);
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, PodView pod)
    {
        if (!IsObject(ref reader))
        {
            return;
        }

        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                pod.Name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("generateName"u8))
            {
                pod.GenerateName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                pod.Namespace = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                pod.Uid = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                pod.HasLabels = reader.TokenType == JsonTokenType.StartObject;
                ReadStringMap(ref reader, pod.Labels);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                pod.HasAnnotations = reader.TokenType == JsonTokenType.StartObject;
                ReadStringMap(ref reader, pod.Annotations);
            }
            else if (reader.ValueTextEquals("ownerReferences"u8))
            {
                reader.Read();
                ReadOwners(ref reader, pod.Owners);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadSpec(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, PodView pod)
    {
        if (!IsObject(ref reader))
        {
            return;
        }

        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                reader.Read();
                ReadContainers(ref reader, json, pod, pod.Containers, isInit: false);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                reader.Read();
                pod.HasInitContainers = reader.TokenType == JsonTokenType.StartArray;
                ReadContainers(ref reader, json, pod, pod.InitContainers, isInit: true);
            }
            else if (reader.ValueTextEquals("volumes"u8))
            {
                reader.Read();
                pod.HasVolumes = reader.TokenType == JsonTokenType.StartArray;
                ReadVolumeNames(ref reader, pod.VolumeNames);
            }
            else if (reader.ValueTextEquals("shareProcessNamespace"u8))
            {
                reader.Read();
                pod.ShareProcessNamespace = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                pod.NodeName = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadContainers(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, PodView pod, List<ContainerView> into, bool isInit)
    {
        if (!IsArray(ref reader))
        {
            return;
        }

        // Every element takes an index, an odd non-object one too, so indexes stay the positions in the array.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var container = pod.AddContainer(into, isInit);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (NextProperty(ref reader))
            {
                ReadContainerField(ref reader, json, container);
            }
        }
    }

    private static void ReadContainerField(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, ContainerView container)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            container.Name = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("image"u8))
        {
            container.Image = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("imagePullPolicy"u8))
        {
            container.ImagePullPolicy = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("env"u8))
        {
            reader.Read();
            container.HasEnv = reader.TokenType == JsonTokenType.StartArray;
            ReadEnv(ref reader, json, container.Env);
            container.OriginalEnvCount = container.Env.Count;
        }
        else if (reader.ValueTextEquals("volumeMounts"u8))
        {
            reader.Read();
            container.HasVolumeMounts = reader.TokenType == JsonTokenType.StartArray;
            ReadMounts(ref reader, json, container.VolumeMounts);
        }
        else if (reader.ValueTextEquals("securityContext"u8))
        {
            reader.Read();
            container.SecurityContext = RawValue(ref reader, json);
        }
        else if (reader.ValueTextEquals("envFrom"u8))
        {
            reader.Read();
            container.EnvFrom = RawValue(ref reader, json);
        }
        else
        {
            SkipValue(ref reader);
        }
    }

    private static void ReadEnv(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, List<EnvEntry> into)
    {
        if (!IsArray(ref reader))
        {
            return;
        }

        while (NextObject(ref reader))
        {
            var start = (int)reader.TokenStartIndex;
            string name = "";
            string? value = null;
            var hasValueFrom = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    value = reader.TokenType == JsonTokenType.String ? TextCache.Get(ref reader) : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("valueFrom"u8))
                {
                    reader.Read();
                    hasValueFrom = reader.TokenType != JsonTokenType.Null;
                    reader.Skip();
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            into.Add(EnvEntry.FromPod(name, value, hasValueFrom, json[start..(int)reader.BytesConsumed], origin: into.Count));
        }
    }

    private static void ReadMounts(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, List<VolumeMountView> into)
    {
        if (!IsArray(ref reader))
        {
            return;
        }

        while (NextObject(ref reader))
        {
            var start = (int)reader.TokenStartIndex;
            string name = "", mountPath = "";
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("mountPath"u8))
                {
                    mountPath = ReadString(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            into.Add(new VolumeMountView(name, mountPath, json[start..(int)reader.BytesConsumed]));
        }
    }

    private static void ReadVolumeNames(ref Utf8JsonReader reader, List<string> into)
    {
        if (!IsArray(ref reader))
        {
            return;
        }

        while (NextObject(ref reader))
        {
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    into.Add(ReadString(ref reader));
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
    }

    private static void ReadOwners(ref Utf8JsonReader reader, List<OwnerReference> into)
    {
        if (!IsArray(ref reader))
        {
            return;
        }

        while (NextObject(ref reader))
        {
            string kind = "", name = "", uid = "";
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("kind"u8))
                {
                    kind = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("uid"u8))
                {
                    uid = ReadString(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            into.Add(new OwnerReference(kind, name, uid));
        }
    }

    private static void ReadStringMap(ref Utf8JsonReader reader, Dictionary<string, string> into)
    {
        if (!IsObject(ref reader))
        {
            return;
        }

        while (NextProperty(ref reader))
        {
            var key = TextCache.Get(ref reader);
            into[key] = ReadString(ref reader);
        }
    }

    private static ReadOnlyMemory<byte> RawValue(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }

    /// <summary>Reads a string value; a non-string (number, object, null) counts as empty, as an absent field would.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return TextCache.Get(ref reader);
        }

        reader.Skip();
        return "";
    }

    private static bool IsObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    private static bool IsArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>Moves to the next object of the array the reader is in, skipping other elements; false at the array's end.</summary>
    private static bool NextObject(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
