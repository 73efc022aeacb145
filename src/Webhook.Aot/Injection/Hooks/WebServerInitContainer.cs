using System.Text.Json;
using Webhook.Crd;
using Webhook.Injection.Agents;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Hooks;

/// <summary>
/// An init container of the web server injection (the config clone or the agent attach), collected first and
/// written once its security context is known. Env is kept as JSON taken when the container is described,
/// because injection goes on to change the app container's env entries.
/// </summary>
public sealed class WebServerInitContainer
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public required IReadOnlyList<string> Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>The env array as JSON (see <see cref="EnvJson"/>); null omits the field.</summary>
    public ReadOnlyMemory<byte>? Env { get; init; }

    public ReadOnlyMemory<byte> EnvFrom { get; init; }

    public required IReadOnlyList<VolumeMountView> Mounts { get; init; }

    public ResourceRequirements? Resources { get; init; }

    public string? ImagePullPolicy { get; init; }

    /// <summary>
    /// A partial copy of <paramref name="app"/> that copies its configuration out: its image, env (as it is now),
    /// envFrom, mounts and pull policy, plus the configuration volume at the source folder.
    /// </summary>
    public static WebServerInitContainer CloneOf(FragmentBuffer fragments, ContainerView app, IReadOnlyList<string> command, IReadOnlyList<string>? args,
        string confDirVolume, ResourceRequirements? resources) => new()
    {
        Name = WebServerModule.CloneContainerName,
        Image = app.Image,
        Command = command,
        Args = args,
        Env = EnvJson(fragments, app.Env),
        EnvFrom = app.EnvFrom,
        Mounts = [.. app.VolumeMounts, VolumeMountView.Added(confDirVolume, WebServerModule.SourceConfPath)],
        Resources = resources,
        ImagePullPolicy = app.ImagePullPolicy,
    };

    /// <summary>The init container that runs the agent script with the configuration's env.</summary>
    public static WebServerInitContainer Agent(FragmentBuffer fragments, string name, string image, string script, string argument, List<EnvEntry> env,
        string agentVolume, string confDirVolume, ResourceRequirements? resources, Instrumentation instrumentation) => new()
    {
        Name = name,
        Image = image,
        Command = ["/bin/sh", "-c"],
        Args = [script, "--", argument],
        Env = EnvJson(fragments, env),
        Mounts = [VolumeMountView.Added(agentVolume, WebServerModule.AgentPath), VolumeMountView.Added(confDirVolume, WebServerModule.SourceConfPath)],
        Resources = resources,
        ImagePullPolicy = instrumentation.Spec?.ImagePullPolicy,
    };

    /// <summary>The env array as JSON as it is now, or null when it is empty.</summary>
    public static ReadOnlyMemory<byte>? EnvJson(FragmentBuffer fragments, List<EnvEntry> env)
    {
        if (env.Count == 0)
        {
            return null;
        }

        JsonFragments.WriteEnv(fragments.Start(), env);
        return fragments.End();
    }

    /// <summary>The container's JSON, its security context by the init container rule applied to <paramref name="securityFrom"/>.</summary>
    public ReadOnlyMemory<byte> Json(FragmentBuffer fragments, Instrumentation instrumentation, ContainerView securityFrom)
    {
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, Name);
        writer.WriteString("image"u8, Image);
        WriteStrings(writer, "command"u8, Command);
        if (Args is not null)
        {
            WriteStrings(writer, "args"u8, Args);
        }

        if (Env is { } env)
        {
            writer.WritePropertyName("env"u8);
            writer.WriteRawValue(env.Span, skipInputValidation: true);
        }

        if (!EnvFrom.IsEmpty)
        {
            writer.WritePropertyName("envFrom"u8);
            writer.WriteRawValue(EnvFrom.Span, skipInputValidation: true);
        }

        writer.WriteStartArray("volumeMounts"u8);
        foreach (var mount in Mounts)
        {
            JsonFragments.WriteMount(writer, mount);
        }

        writer.WriteEndArray();
        if (Resources is not null)
        {
            writer.WritePropertyName("resources"u8);
            Resources.Write(writer);
        }

        InitContainerJson.WriteSecurityContext(writer, instrumentation, securityFrom);
        if (ImagePullPolicy is { Length: > 0 })
        {
            writer.WriteString("imagePullPolicy"u8, ImagePullPolicy);
        }

        writer.WriteEndObject();
        return fragments.End();
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
