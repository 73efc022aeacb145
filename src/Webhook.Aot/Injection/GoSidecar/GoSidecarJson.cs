using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.GoSidecar;

/// <summary>The JSON of the Go sidecar container and of its kernel-debug hostPath volume.</summary>
public static class GoSidecarJson
{
    public static ReadOnlyMemory<byte> Container(FragmentBuffer fragments, ContainerView sidecar, Go go, Instrumentation instrumentation)
    {
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, sidecar.Name);
        writer.WriteString("image"u8, sidecar.Image);
        if (go.ResourceRequirements is { } resources)
        {
            writer.WritePropertyName("resources"u8);
            resources.Write(writer);
        }

        // Replaced wholesale, never merged with the default.
        writer.WritePropertyName("securityContext"u8);
        if (go.SecurityContext is { } securityContext)
        {
            securityContext.Write(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteNumber("runAsUser"u8, 0);
            writer.WriteBoolean("privileged"u8, true);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("volumeMounts"u8);
        foreach (var mount in sidecar.VolumeMounts)
        {
            JsonFragments.WriteMount(writer, mount);
        }

        writer.WriteEndArray();
        if (instrumentation.Spec?.ImagePullPolicy is { Length: > 0 } policy)
        {
            writer.WriteString("imagePullPolicy"u8, policy);
        }

        writer.WritePropertyName("env"u8);
        JsonFragments.WriteEnv(writer, sidecar.Env);
        writer.WriteEndObject();
        return fragments.End();
    }

    public static ReadOnlyMemory<byte> KernelDebugVolumeJson(FragmentBuffer fragments)
    {
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, GoSidecarHook.KernelDebugVolume);
        writer.WriteStartObject("hostPath"u8);
        writer.WriteString("path"u8, GoSidecarHook.KernelDebugPath);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return fragments.End();
    }
}
