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

        WriteSecurityContext(writer, instrumentation, firstTarget);
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
        return fragments.End();
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
}
