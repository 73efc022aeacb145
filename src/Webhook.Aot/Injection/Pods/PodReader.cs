using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
using Webhook.Injection.Text;

namespace Webhook.Injection.Pods;

/// <summary>Thrown when the pod JSON cannot be read; the message names the field.</summary>
public sealed class PodFormatException(string message) : Exception(message);

/// <summary>
/// Walks a pod's JSON once with <see cref="JsonScanner"/> and fills a <see cref="PodView"/>; subtrees it does
/// not need are skipped, never materialised. Strings come from <see cref="TextCache"/>, raw JSON stays a slice
/// of the input, so reading a pod seen before allocates nothing.
/// </summary>
/// <remarks>
/// A key given twice in one object is read as the API server's Go decoder reads it: a later list or value
/// replaces the earlier one, a later object is merged into the earlier one. The parts a patch writes into or
/// copies from (the container, init container, volume, env and mount lists and their entries, a container's
/// <c>securityContext</c> and <c>envFrom</c>) must have their JSON types and copied bytes must be UTF-8:
/// otherwise the reader throws, naming the field, and the pod gets no patch.
/// </remarks>
public static class PodReader
{
    /// <summary>
    /// A pod's nesting limit: the most a pod can have inside an AdmissionReview the envelope reader accepts (512 levels,
    /// two of them above <c>request.object</c>), so a pod read alone and one read in the envelope's pass agree.
    /// </summary>
    public const int MaxDepth = 510;

    /// <summary>
    /// The annotations injection reads: its own (<c>instrumentation.opentelemetry.io/</c>) and the resource attributes
    /// (<c>resource.opentelemetry.io/</c>). A pod's other annotations (a client's megabyte of last-applied state) are skipped.
    /// </summary>
    internal static readonly string[] ReadAnnotationPrefixes = [InjectionTable.AnnotationPrefix, Sdk.ResourceAttributes.AnnotationPrefix];

    /// <summary>The labels injection reads: the recommended <c>app.kubernetes.io/</c> ones, its injected marker and <c>pod-template-hash</c>.</summary>
    internal static readonly string[] ReadLabelPrefixes = ["app.kubernetes.io/", InjectionTable.AnnotationPrefix, Sdk.OwnerNames.PodTemplateHashLabel];

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
        var reader = new JsonScanner(json.Span, MaxDepth);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new PodFormatException("the pod must be a JSON object");
            }

            ReadPod(ref reader, json, pod);
        }
        catch (JsonException e)
        {
            throw new PodFormatException("the pod is not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw WrongType(e);
        }
    }

    /// <summary>
    /// Reads the pod whose start the reader stands at, inside a larger document (the AdmissionReview) whose bytes
    /// <paramref name="json"/> are, into <paramref name="pod"/> (cleared first); leaves the reader at the pod's end.
    /// JSON that is not valid is the document's to report (its <see cref="JsonException"/> goes through).
    /// </summary>
    public static void ReadInPlace(ref JsonScanner reader, ReadOnlyMemory<byte> json, PodView pod)
    {
        pod.Clear();
        try
        {
            ReadPod(ref reader, json, pod);
        }
        catch (InvalidOperationException e)
        {
            throw WrongType(e);
        }
    }

    private static void ReadPod(ref JsonScanner reader, ReadOnlyMemory<byte> json, PodView pod)
    {
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

    private static PodFormatException WrongType(InvalidOperationException e) => new("a pod field has the wrong type: " + e.Message);

    private static void ReadMetadata(ref JsonScanner reader, PodView pod)
    {
        if (!IsObject(ref reader, new PodPath("metadata")))
        {
            return;
        }

        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                pod.Name = ReadString(ref reader, new PodPath("metadata", Field: "name"));
            }
            else if (reader.ValueTextEquals("generateName"u8))
            {
                pod.GenerateName = ReadString(ref reader, new PodPath("metadata", Field: "generateName"));
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                pod.Namespace = ReadString(ref reader, new PodPath("metadata", Field: "namespace"));
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                pod.Uid = ReadString(ref reader, new PodPath("metadata", Field: "uid"));
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                pod.HasLabels = reader.TokenType == JsonTokenType.StartObject;
                ReadStringMap(ref reader, pod.Labels, new PodPath("metadata", Field: "labels"), ReadLabelPrefixes);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                pod.HasAnnotations = reader.TokenType == JsonTokenType.StartObject;
                ReadStringMap(ref reader, pod.Annotations, new PodPath("metadata", Field: "annotations"), ReadAnnotationPrefixes);
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

    private static void ReadSpec(ref JsonScanner reader, ReadOnlyMemory<byte> json, PodView pod)
    {
        if (!IsObject(ref reader, new PodPath("spec")))
        {
            return;
        }

        // Where the run of ASCII bytes found last ends (AsciiEnd): the env entries and mounts before it need no UTF-8 check.
        var asciiEnd = 0;

        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                reader.Read();
                ReadContainers(ref reader, json, pod, pod.Containers, isInit: false, ref asciiEnd);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                reader.Read();
                pod.HasInitContainers = reader.TokenType == JsonTokenType.StartArray;
                ReadContainers(ref reader, json, pod, pod.InitContainers, isInit: true, ref asciiEnd);
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
                pod.NodeName = ReadString(ref reader, new PodPath("spec", Field: "nodeName"));
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadContainers(ref JsonScanner reader, ReadOnlyMemory<byte> json, PodView pod, List<ContainerView> into, bool isInit, ref int asciiEnd)
    {
        var list = isInit ? "spec.initContainers" : "spec.containers";
        pod.ClearContainers(into);
        if (!IsArray(ref reader, new PodPath(list)))
        {
            return;
        }

        while (NextObject(ref reader, new PodPath(list, into.Count)))
        {
            var container = pod.AddContainer(into, isInit);
            while (NextProperty(ref reader))
            {
                ReadContainerField(ref reader, json, container, ref asciiEnd);
            }
        }
    }

    private static void ReadContainerField(ref JsonScanner reader, ReadOnlyMemory<byte> json, ContainerView container, ref int asciiEnd)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            container.Name = ReadString(ref reader, PodPath.Of(container, "name"));
        }
        else if (reader.ValueTextEquals("image"u8))
        {
            container.Image = ReadString(ref reader, PodPath.Of(container, "image"));
        }
        else if (reader.ValueTextEquals("imagePullPolicy"u8))
        {
            container.ImagePullPolicy = ReadString(ref reader, PodPath.Of(container, "imagePullPolicy"));
        }
        else if (reader.ValueTextEquals("env"u8))
        {
            reader.Read();
            container.HasEnv = reader.TokenType == JsonTokenType.StartArray;
            ReadEnv(ref reader, json, container, ref asciiEnd);
        }
        else if (reader.ValueTextEquals("volumeMounts"u8))
        {
            reader.Read();
            container.HasVolumeMounts = reader.TokenType == JsonTokenType.StartArray;
            ReadMounts(ref reader, json, container, ref asciiEnd);
        }
        else if (reader.ValueTextEquals("securityContext"u8))
        {
            reader.Read();
            var where = PodPath.Of(container, "securityContext");
            if (reader.TokenType == JsonTokenType.StartObject && !container.SecurityContext.IsEmpty)
            {
                // The API server would merge the two objects; a copy of either one would not be what it stores.
                throw new PodFormatException(where + ": given twice in one container");
            }

            container.SecurityContext = RawValue(ref reader, json, where, JsonTokenType.StartObject, ref asciiEnd);
        }
        else if (reader.ValueTextEquals("envFrom"u8))
        {
            reader.Read();
            container.EnvFrom = RawList(ref reader, json, PodPath.Of(container, "envFrom"), ref asciiEnd);
        }
        else
        {
            SkipValue(ref reader);
        }
    }

    private static void ReadEnv(ref JsonScanner reader, ReadOnlyMemory<byte> json, ContainerView container, ref int asciiEnd)
    {
        var into = container.Env;
        into.Clear();
        container.OriginalEnvCount = 0;
        if (!IsArray(ref reader, PodPath.Of(container, "env")))
        {
            return;
        }

        var list = container.IsInit ? "spec.initContainers" : "spec.containers";
        while (NextObject(ref reader, new PodPath(list, container.Index, "env", into.Count)))
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TryReadPlainStrings("name"u8, "value"u8, out var nameStart, out var nameLength, out var valueStart, out var valueLength))
            {
                // The usual entry, {"name":"…","value":"…"}: read in one step, and when its bytes are ASCII (the
                // pod's run of ASCII reaches past them), neither its UTF-8 nor its name needs checking on its own.
                var end = (int)reader.BytesConsumed;
                if (IsAscii(json.Span, start, end, ref asciiEnd))
                {
                    into.Add(EnvEntry.FromAsciiPod(json[start..end], nameStart - start, nameLength, valueStart - start, valueLength, origin: into.Count));
                    continue;
                }

                var value = valueLength < 0 ? (RawText?)null : new RawText(null, valueStart - start, valueLength);
                into.Add(EnvEntry.FromPod(Copied(json[start..end], PodPath.Of(container, "env", into.Count)), new RawText(null, nameStart - start, nameLength),
                    value, hasValueFrom: false, origin: into.Count));
                continue;
            }

            into.Add(ReadEnvEntry(ref reader, json, start, PodPath.Of(container, "env", into.Count), origin: into.Count, ref asciiEnd));
        }

        container.OriginalEnvCount = into.Count;
    }

    /// <summary>An env entry written other than <c>{"name":"…","value":"…"}</c>: key by key.</summary>
    private static EnvEntry ReadEnvEntry(ref JsonScanner reader, ReadOnlyMemory<byte> json, int start, in PodPath where, int origin, ref int asciiEnd)
    {
        // Null while absent (or not a string): RawText.Empty then, its static read only for such an entry.
        RawText? name = null;
        RawText? value = null;
        var hasValueFrom = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReadRawText(ref reader, start, where);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                value = ReadRawText(ref reader, start, where);
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

        var end = (int)reader.BytesConsumed;
        var ascii = IsAscii(json.Span, start, end, ref asciiEnd);
        return EnvEntry.FromPod(ascii ? json[start..end] : Copied(json[start..end], where), name ?? RawText.Empty, value, hasValueFrom, origin, isAscii: ascii);
    }

    /// <summary>
    /// Whether the bytes from <paramref name="start"/> to <paramref name="end"/> are ASCII, as far as a search for the
    /// end of their run tells (<paramref name="asciiEnd"/>, kept between the calls of one pod's read; see <see cref="AsciiEnd"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAscii(ReadOnlySpan<byte> json, int start, int end, ref int asciiEnd)
        => end <= asciiEnd || (asciiEnd = AsciiEnd(json, start, end, asciiEnd)) >= end;

    /// <summary>As <see cref="Copied(ReadOnlyMemory{byte}, in PodPath)"/>: the bytes from <paramref name="start"/> to <paramref name="end"/>, checked unless inside the run of ASCII.</summary>
    private static ReadOnlyMemory<byte> Copied(ReadOnlyMemory<byte> json, int start, int end, in PodPath where, ref int asciiEnd)
        => IsAscii(json.Span, start, end, ref asciiEnd) ? json[start..end] : Copied(json[start..end], where);

    /// <summary>
    /// Where the run of ASCII bytes that <paramref name="start"/> is in ends, looked for from <paramref name="asciiEnd"/>
    /// (where the run known so far ends) or <paramref name="start"/>, whichever is further, in blocks of
    /// <see cref="AsciiBlock"/> bytes until past <paramref name="end"/>: one search covers the entries that follow it
    /// in its block, not each entry its own.
    /// </summary>
    private static int AsciiEnd(ReadOnlySpan<byte> json, int start, int end, int asciiEnd)
    {
        var at = Math.Max(start, asciiEnd);
        while (at < end)
        {
            var block = json.Slice(at, Math.Min(AsciiBlock, json.Length - at));
            if (!System.Text.Ascii.IsValid(block))
            {
                return at + block.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            }

            at += block.Length;
        }

        return at;
    }

    /// <summary>How many bytes one step of <see cref="AsciiEnd"/> checks: about ten env entries.</summary>
    private const int AsciiBlock = 512;

    private static void ReadMounts(ref JsonScanner reader, ReadOnlyMemory<byte> json, ContainerView container, ref int asciiEnd)
    {
        var into = container.VolumeMounts;
        into.Clear();
        if (!IsArray(ref reader, PodPath.Of(container, "volumeMounts")))
        {
            return;
        }

        while (NextObject(ref reader, PodPath.Of(container, "volumeMounts", into.Count)))
        {
            var start = (int)reader.TokenStartIndex;
            var where = PodPath.Of(container, "volumeMounts", into.Count);
            string name = "", mountPath = "";
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader, where);
                }
                else if (reader.ValueTextEquals("mountPath"u8))
                {
                    mountPath = ReadString(ref reader, where);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            into.Add(new VolumeMountView(name, mountPath, Copied(json, start, (int)reader.BytesConsumed, where, ref asciiEnd)));
        }
    }

    private static void ReadVolumeNames(ref JsonScanner reader, List<string> into)
    {
        into.Clear();
        if (!IsArray(ref reader, new PodPath("spec.volumes")))
        {
            return;
        }

        var index = 0;
        while (NextObject(ref reader, new PodPath("spec.volumes", index)))
        {
            // The last name of a volume that names itself twice, as the API server keeps it.
            string? name = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader, new PodPath("spec.volumes", index));
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            if (name is not null)
            {
                into.Add(name);
            }

            index++;
        }
    }

    private static void ReadOwners(ref JsonScanner reader, List<OwnerReference> into)
    {
        into.Clear();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        // Only read, never written into or copied: an entry that is not an object is passed over.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var where = new PodPath("metadata.ownerReferences", into.Count);
            string kind = "", name = "", uid = "", apiVersion = "";
            var controller = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("kind"u8))
                {
                    kind = ReadString(ref reader, where);
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    name = ReadString(ref reader, where);
                }
                else if (reader.ValueTextEquals("uid"u8))
                {
                    uid = ReadString(ref reader, where);
                }
                else if (reader.ValueTextEquals("apiVersion"u8))
                {
                    apiVersion = ReadString(ref reader, where);
                }
                else if (reader.ValueTextEquals("controller"u8))
                {
                    reader.Read();
                    controller = reader.TokenType == JsonTokenType.True;
                    reader.Skip();
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            into.Add(new OwnerReference(kind, name, uid, apiVersion, controller));
        }
    }

    /// <summary>
    /// A later map is merged into an earlier one, key by key, and <c>null</c> empties it, as the Go decoder does. Only
    /// entries whose key starts with one of <paramref name="readPrefixes"/> are kept: the others are skipped without
    /// being decoded, so a pod's megabyte-long annotation or label that injection never reads costs no string.
    /// </summary>
    private static void ReadStringMap(ref JsonScanner reader, Dictionary<string, string> into, in PodPath where, string[] readPrefixes)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            into.Clear();
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (NextProperty(ref reader))
        {
            if (!IsReadKey(ref reader, readPrefixes, where, out var key))
            {
                SkipValue(ref reader);
                continue;
            }

            into[key] = ReadString(ref reader, where);
        }
    }

    /// <summary>
    /// Whether the current property name starts with one of <paramref name="prefixes"/>, and then the name itself.
    /// Plain names are compared as bytes; escaped ones are decoded first, unless longer than any key the engine reads.
    /// </summary>
    private static bool IsReadKey(ref JsonScanner reader, string[] prefixes, in PodPath where, out string key)
    {
        key = "";
        if (!reader.ValueIsEscaped)
        {
            var raw = reader.ValueSpan;
            foreach (var prefix in prefixes)
            {
                if (raw.Length >= prefix.Length && System.Text.Ascii.Equals(raw[..prefix.Length], prefix))
                {
                    key = GetString(ref reader, where);
                    return true;
                }
            }

            return false;
        }

        if (reader.ValueSpan.Length > TextCache.MaxLength)
        {
            return false;
        }

        key = GetString(ref reader, where);
        foreach (var prefix in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The raw JSON of a value of the <paramref name="expected"/> kind, checked to be UTF-8; empty for <c>null</c>.</summary>
    private static ReadOnlyMemory<byte> RawValue(ref JsonScanner reader, ReadOnlyMemory<byte> json, in PodPath where, JsonTokenType expected, ref int asciiEnd)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != expected)
        {
            throw WrongType(where, expected, reader.TokenType);
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Copied(json, start, (int)reader.BytesConsumed, where, ref asciiEnd);
    }

    /// <summary>The raw JSON of a list of objects, checked to be UTF-8; empty for <c>null</c>.</summary>
    private static ReadOnlyMemory<byte> RawList(ref JsonScanner reader, ReadOnlyMemory<byte> json, in PodPath where, ref int asciiEnd)
    {
        if (!IsArray(ref reader, where))
        {
            return default;
        }

        var start = (int)reader.TokenStartIndex;
        for (var index = 0; NextObject(ref reader, where with { Entry = index }); index++)
        {
            reader.Skip();
        }

        return Copied(json, start, (int)reader.BytesConsumed, where, ref asciiEnd);
    }

    /// <summary>Bytes the patch will carry as they are: a patch must be UTF-8, whatever the pod holds.</summary>
    private static ReadOnlyMemory<byte> Copied(ReadOnlyMemory<byte> raw, in PodPath where)
        => Utf8.IsValid(raw.Span) ? raw : throw new PodFormatException(where + ": holds text that is not valid UTF-8");

    /// <summary>Reads a string value; a non-string (number, object, null) counts as empty, as an absent field would.</summary>
    private static string ReadString(ref JsonScanner reader, in PodPath where)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return GetString(ref reader, where);
        }

        reader.Skip();
        return "";
    }

    /// <summary>
    /// A string value as it stands in the JSON of the object that starts at <paramref name="objectStart"/>: decoded
    /// only when written with escapes; null for any other value. The object's bytes are checked to be UTF-8 after.
    /// </summary>
    private static RawText? ReadRawText(ref JsonScanner reader, int objectStart, in PodPath where)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return reader.ValueIsEscaped
            ? new RawText(GetString(ref reader, where), 0, 0)
            : new RawText(null, (int)reader.TokenStartIndex + 1 - objectStart, reader.ValueSpan.Length);
    }

    /// <summary>The current string or property name; text that is not UTF-8 (or a lone surrogate escape) names its field.</summary>
    private static string GetString(ref JsonScanner reader, in PodPath where)
    {
        try
        {
            return TextCache.Get(ref reader);
        }
        catch (InvalidOperationException)
        {
            throw new PodFormatException(where + ": holds text that is not valid UTF-8 (or a \\u escape that is half a character)");
        }
    }

    private static bool IsObject(ref JsonScanner reader, in PodPath where)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        return reader.TokenType == JsonTokenType.Null ? false : throw WrongType(where, JsonTokenType.StartObject, reader.TokenType);
    }

    /// <summary>True at a list's start; false for <c>null</c> (no list); throws for any other value.</summary>
    private static bool IsArray(ref JsonScanner reader, in PodPath where)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        return reader.TokenType == JsonTokenType.Null ? false : throw WrongType(where, JsonTokenType.StartArray, reader.TokenType);
    }

    /// <summary>Moves to the next element of the list the reader is in, which must be an object; false at the list's end.</summary>
    private static bool NextObject(ref JsonScanner reader, in PodPath where)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }

        return reader.TokenType == JsonTokenType.StartObject ? true : throw WrongType(where, JsonTokenType.StartObject, reader.TokenType);
    }

    private static PodFormatException WrongType(in PodPath where, JsonTokenType expected, JsonTokenType actual)
        => new(where + ": must be " + Crd.ModelReadContext.Describe(expected) + ", not " + Crd.ModelReadContext.Describe(actual));

    private static bool NextProperty(ref JsonScanner reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void SkipValue(ref JsonScanner reader)
    {
        reader.Read();
        reader.Skip();
    }
}
