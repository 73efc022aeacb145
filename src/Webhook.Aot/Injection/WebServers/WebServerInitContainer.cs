using System.Text.Json;
using Webhook.Crd;
using Webhook.Injection.Agents;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.WebServers;

/// <summary>
/// The init containers of the web server injection, the config clone and the agent attach, written as JSON when
/// they are described: the clone takes the app container's env and mounts as they are at that moment, because
/// injection goes on to change them.
/// </summary>
public static class WebServerInitContainer
{
    /// <summary>
    /// A partial copy of <paramref name="app"/> that copies its configuration out: its image, env, envFrom, mounts
    /// and pull policy, plus the configuration volume at the source folder. Empty <paramref name="args"/> omit the field.
    /// </summary>
    public static ReadOnlyMemory<byte> CloneOf(FragmentBuffer fragments, ContainerView app, ReadOnlySpan<string> command, ReadOnlySpan<string> args,
        string confDirVolume, ResourceRequirements? resources, Instrumentation instrumentation, ContainerView securityFrom)
    {
        var writer = fragments.Start();
        WriteStart(writer, WebServerModule.CloneContainerName, app.Image, command, args, app.Env);
        if (!app.EnvFrom.IsEmpty)
        {
            writer.WritePropertyName("envFrom"u8);
            writer.WriteRawValue(app.EnvFrom.Span, skipInputValidation: true);
        }

        writer.WriteStartArray("volumeMounts"u8);
        foreach (var mount in app.VolumeMounts)
        {
            JsonFragments.WriteMount(writer, mount);
        }

        JsonFragments.WriteMount(writer, VolumeMountView.Added(confDirVolume, WebServerModule.SourceConfPath));
        writer.WriteEndArray();
        WriteEnd(writer, resources, instrumentation, securityFrom, app.ImagePullPolicy);
        return fragments.End();
    }

    /// <summary>The init container that runs the agent script with the configuration's env.</summary>
    public static ReadOnlyMemory<byte> Agent(FragmentBuffer fragments, string name, string image, string script, string argument, List<EnvEntry> env,
        string agentVolume, string confDirVolume, ResourceRequirements? resources, Instrumentation instrumentation, ContainerView securityFrom)
    {
        var writer = fragments.Start();
        WriteStart(writer, name, image, ["/bin/sh", "-c"], [script, "--", argument], env);
        writer.WriteStartArray("volumeMounts"u8);
        JsonFragments.WriteMount(writer, VolumeMountView.Added(agentVolume, WebServerModule.AgentPath));
        JsonFragments.WriteMount(writer, VolumeMountView.Added(confDirVolume, WebServerModule.SourceConfPath));
        writer.WriteEndArray();
        WriteEnd(writer, resources, instrumentation, securityFrom, instrumentation.Spec?.ImagePullPolicy);
        return fragments.End();
    }

    /// <summary>Name, image, command, args (when any) and env (when any).</summary>
    private static void WriteStart(Utf8JsonWriter writer, string name, string image, ReadOnlySpan<string> command, ReadOnlySpan<string> args, List<EnvEntry> env)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("image"u8, image);
        WriteStrings(writer, "command"u8, command);
        if (!args.IsEmpty)
        {
            WriteStrings(writer, "args"u8, args);
        }

        if (env.Count > 0)
        {
            writer.WritePropertyName("env"u8);
            JsonFragments.WriteEnv(writer, env);
        }
    }

    /// <summary>Resources, the security context by the init container rule applied to <paramref name="securityFrom"/>, and the pull policy.</summary>
    private static void WriteEnd(Utf8JsonWriter writer, ResourceRequirements? resources, Instrumentation instrumentation, ContainerView securityFrom, string? imagePullPolicy)
    {
        if (resources is not null)
        {
            writer.WritePropertyName("resources"u8);
            resources.Write(writer);
        }

        InitContainerJson.WriteSecurityContext(writer, instrumentation, securityFrom);
        if (imagePullPolicy is { Length: > 0 })
        {
            writer.WriteString("imagePullPolicy"u8, imagePullPolicy);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
