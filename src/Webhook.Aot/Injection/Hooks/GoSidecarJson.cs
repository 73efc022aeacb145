using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Hooks;

/// <summary>The JSON of the Go sidecar container and of its kernel-debug hostPath volume.</summary>
public static class GoSidecarJson
{
    public static byte[] Container(ContainerView sidecar, Go go, Instrumentation instrumentation) => JsonFragments.Build(writer =>
    {
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
            writer.WriteRawValue(mount.Raw.Span, skipInputValidation: true);
        }

        writer.WriteEndArray();
        if (instrumentation.Spec?.ImagePullPolicy is { Length: > 0 } policy)
        {
            writer.WriteString("imagePullPolicy"u8, policy);
        }

        writer.WritePropertyName("env"u8);
        JsonFragments.WriteEnv(writer, sidecar.Env);
        writer.WriteEndObject();
    });

    public static byte[] KernelDebugVolumeJson() => JsonFragments.Build(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, GoSidecarHook.KernelDebugVolume);
        writer.WriteStartObject("hostPath"u8);
        writer.WriteString("path"u8, GoSidecarHook.KernelDebugPath);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });
}
