using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;
using Webhook.Injection.Text;
using Webhook.Text;

namespace Webhook.Injection.WebServers;

/// <summary>
/// Nginx (shared spec §8.7): like Apache HTTPD, the first target's configuration folder is copied into a shared
/// volume, an agent init container adds the module to it, and the container mounts the result and finds the
/// module's libraries through <c>LD_LIBRARY_PATH</c>. Every target gets the module's env and the SDK env.
/// </summary>
public static class NginxHook
{
    public const string ConfDirVolume = "otel-nginx-conf-dir";
    public const string AgentVolume = "otel-nginx-agent";
    public const string AgentContainerName = "otel-agent-attach-nginx";
    public const string DefaultConfigFile = "/etc/nginx/nginx.conf";
    public const string LibraryPathEnv = "LD_LIBRARY_PATH";
    public const string LibraryPath = "/opt/opentelemetry-webserver/agent/sdk_lib/lib";

    /// <summary>Stands in for a missing <c>spec.nginx</c>; only ever read, never changed.</summary>
    private static readonly Nginx s_unset = new();

    public static void Inject(InjectionContext context, SelectedLanguage selected)
    {
        var instrumentation = selected.Instrumentation;
        var nginx = instrumentation.Spec!.Nginx ?? s_unset;
        if (context.Changes.HasInitContainer(WebServerModule.CloneContainerName))
        {
            // Both web servers need an init container of that one name; the operator's pod fails to start.
            var message = "metadata.annotations[" + InstrumentationSelector.ShortKey(selected.Rule.InjectAnnotation)
                + "]: ignored, Apache HTTPD is injected too and they clash; use one web server per pod";
            context.Warn(WarningReason.WebServerConflict, message);
            context.Decide(selected.Rule.Name, false, message);
            return;
        }

        var targets = SkipUntilModuleFits(context, WebServerTargets.Resolve(context, selected));
        if (targets.Count == 0)
        {
            context.Decide(selected.Rule.Name, false, "no regular container to inject into (see the warnings)");
            return;
        }

        var fragments = context.Changes.Fragments;
        var configFile = string.IsNullOrEmpty(nginx.ConfigFile) ? DefaultConfigFile : nginx.ConfigFile;
        var confDir = ConfDir(configFile);
        var first = targets[0];
        var settings = WebServerModule.Settings(context, first, instrumentation, "nginx");
        SdkEnv.AppendAll(fragments, first.Env, nginx.Env);
        context.Changes.AddVolume(ConfDirVolume, EmptyDirVolume(fragments, ConfDirVolume));
        var clone = WebServerInitContainer.CloneOf(fragments, first, ["/bin/sh", "-c"], [NginxScripts.Clone, "--", confDir], ConfDirVolume,
            nginx.ResourceRequirements, instrumentation, securityFrom: first);
        context.Changes.AddInitContainer(WebServerModule.CloneContainerName, clone, before: null);
        WebServerModule.MountModule(context, first, confDir, AgentVolume, ConfDirVolume);
        context.Changes.AddVolume(AgentVolume, EmptyDirVolume(fragments, AgentVolume));
        var config = NginxConfig.Build(settings, nginx.Attrs);
        var agent = WebServerInitContainer.Agent(fragments, AgentContainerName, nginx.Image ?? "", NginxScripts.Agent, FileName(configFile),
            WebServerModule.AgentEnv(context, nginx.Env, instrumentation, "OTEL_NGINX_AGENT_CONF", config, "OTEL_NGINX_SERVICE_INSTANCE_ID"),
            AgentVolume, ConfDirVolume, nginx.ResourceRequirements, instrumentation, securityFrom: first);
        context.Changes.AddInitContainer(AgentContainerName, agent, before: null);
        AddLibraryPath(first);
        WebServerModule.AddSdkEnv(context, first, instrumentation);

        for (var i = 1; i < targets.Count; i++)
        {
            SdkEnv.AppendAll(fragments, targets[i].Env, nginx.Env);
            WebServerModule.AddSdkEnv(context, targets[i], instrumentation);
        }

        WebServerTargets.WarnFirstOnly(context, selected, targets);
        context.Decide(selected.Rule.Name, true, WebServerModule.Describe(selected, targets));
    }

    /// <summary>The folder of a path, as Go's <c>filepath.Dir</c> gives it for the paths the CRD allows.</summary>
    public static string ConfDir(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            return ".";
        }

        var folder = path.AsSpan(0, slash).TrimEnd('/');
        return folder.IsEmpty ? "/" : TextCache.Get(folder);
    }

    /// <summary>The last element of a path, as Go's <c>filepath.Base</c> gives it.</summary>
    public static string FileName(string path)
    {
        var trimmed = path.AsSpan().TrimEnd('/');
        return trimmed.IsEmpty ? "/" : TextCache.Get(trimmed[(trimmed.LastIndexOf('/') + 1)..]);
    }

    /// <summary>
    /// The operator would append to an <c>LD_LIBRARY_PATH</c> that uses valueFrom, making a pod the API server
    /// rejects; such a container cannot take the module and is skipped, and the next target takes it.
    /// </summary>
    private static List<ContainerView> SkipUntilModuleFits(InjectionContext context, List<ContainerView> targets)
    {
        var skipped = 0;
        while (skipped < targets.Count && EnvList.Find(targets[skipped].Env, LibraryPathEnv) is { HasValueFrom: true })
        {
            context.Warn(WarningReason.ContainerSkipped, "containers[" + EchoedText.Cut(targets[skipped].Name) + "].env[" + LibraryPathEnv
                + "]: uses valueFrom, which the Nginx module must extend; Nginx not injected into it");
            skipped++;
        }

        targets.RemoveRange(0, skipped);
        return targets;
    }

    /// <summary>The module's libraries: appended to an existing value (first entry), else a new entry.</summary>
    private static void AddLibraryPath(ContainerView container)
    {
        if (EnvList.IndexOf(container.Env, LibraryPathEnv) is var index and >= 0)
        {
            EnvList.SetValue(container.Env, index, TextCache.Concat(container.Env[index].Value ?? "", ":", LibraryPath));
        }
        else
        {
            container.Env.Add(EnvEntry.Literal(LibraryPathEnv, LibraryPath));
        }
    }

    private static ReadOnlyMemory<byte> EmptyDirVolume(FragmentBuffer fragments, string name)
    {
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteStartObject("emptyDir"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return fragments.End();
    }
}
