using System.Buffers;
using System.Text.Json;
using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Agents;

/// <summary>Writes an init container that copies an agent: name, image, command, resources, security context, mount, pull policy.</summary>
public static class InitContainerJson
{
    public static ReadOnlyMemory<byte> Agent(FragmentBuffer fragments, string name, string image, ReadOnlySpan<string> command, ResourceRequirements? resources,
        Instrumentation instrumentation, ContainerView firstTarget, string volume, string mountPath, bool withPullPolicy)
    {
        var writer = fragments.Start();
        WriteHead(writer, name, image, command, resources);
        WriteSecurityContext(writer, instrumentation, firstTarget);
        WriteTail(writer, instrumentation, volume, mountPath, withPullPolicy);
        return fragments.End();
    }

    /// <summary>
    /// The same init container, written once for every pod (<see cref="Snapshot.PrebuiltLanguage"/>): everything but the
    /// first target's own security context, and the offset where <see cref="FromPrebuilt"/> puts it (-1 when the
    /// Instrumentation's <c>initContainerSecurityContext</c> is written in it, which no pod changes).
    /// </summary>
    public static (byte[] Json, int SecurityContextAt) Prebuild(string name, string image, ReadOnlySpan<string> command, ResourceRequirements? resources,
        Instrumentation instrumentation, string volume, string mountPath, bool withPullPolicy)
    {
        var json = new ArrayBufferWriter<byte>(1024);
        int securityContextAt;
        using (var writer = new Utf8JsonWriter(json))
        {
            WriteHead(writer, name, image, command, resources);
            writer.Flush();
            securityContextAt = json.WrittenCount;
            if (instrumentation.Spec?.InitContainerSecurityContext is { } configured)
            {
                writer.WritePropertyName("securityContext"u8);
                configured.Write(writer);
                securityContextAt = -1;
            }

            WriteTail(writer, instrumentation, volume, mountPath, withPullPolicy);
        }

        return (json.WrittenSpan.ToArray(), securityContextAt);
    }

    /// <summary>
    /// A prebuilt init container for <paramref name="firstTarget"/>: the bytes as they are when its security context does
    /// not enter them, else a copy with <c>,"securityContext":</c> and the target's own value where the writer would put them.
    /// </summary>
    public static ReadOnlyMemory<byte> FromPrebuilt(FragmentBuffer fragments, byte[] json, int securityContextAt, ContainerView firstTarget)
    {
        if (securityContextAt < 0 || firstTarget.SecurityContext.IsEmpty)
        {
            return json;
        }

        return fragments.Concat(json.AsSpan(0, securityContextAt), ",\"securityContext\":"u8, firstTarget.SecurityContext.Span, json.AsSpan(securityContextAt));
    }

    /// <summary><c>spec.initContainerSecurityContext</c> when set, else the first target container's own (omitted when it has none).</summary>
    public static void WriteSecurityContext(Utf8JsonWriter writer, Instrumentation instrumentation, ContainerView firstTarget)
    {
        if (instrumentation.Spec?.InitContainerSecurityContext is { } configured)
        {
            writer.WritePropertyName("securityContext"u8);
            configured.Write(writer);
        }
        else if (!firstTarget.SecurityContext.IsEmpty)
        {
            writer.WritePropertyName("securityContext"u8);
            writer.WriteRawValue(firstTarget.SecurityContext.Span, skipInputValidation: true);
        }
    }

    private static void WriteHead(Utf8JsonWriter writer, string name, string image, ReadOnlySpan<string> command, ResourceRequirements? resources)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("image"u8, image);
        writer.WriteStartArray("command"u8);
        foreach (var word in command)
        {
            writer.WriteStringValue(word);
        }

        writer.WriteEndArray();
        if (resources is not null)
        {
            writer.WritePropertyName("resources"u8);
            resources.Write(writer);
        }
    }

    private static void WriteTail(Utf8JsonWriter writer, Instrumentation instrumentation, string volume, string mountPath, bool withPullPolicy)
    {
        writer.WriteStartArray("volumeMounts"u8);
        writer.WriteStartObject();
        writer.WriteString("name"u8, volume);
        writer.WriteString("mountPath"u8, mountPath);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (withPullPolicy && instrumentation.Spec?.ImagePullPolicy is { Length: > 0 } policy)
        {
            writer.WriteString("imagePullPolicy"u8, policy);
        }

        writer.WriteEndObject();
    }
}
