using Webhook.Crd;
using Webhook.Injection.Agents;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;
using Webhook.Injection.Table;
using Webhook.Injection.Text;

namespace Webhook.Injection.WebServers;

/// <summary>
/// Apache HTTPD (shared spec §8.6): the first target's configuration folder is copied into a shared volume by a
/// partial clone of that container, an agent init container adds the module configuration to it, and the
/// container mounts the result over its configuration folder. Every target gets the module's env and the SDK env.
/// </summary>
public static class ApacheHttpdHook
{
    public const string ConfDirVolume = "otel-apache-conf-dir";
    public const string AgentVolume = "otel-apache-agent";
    public const string AgentContainerName = "otel-agent-attach-apache";
    public const string DefaultConfDir = "/usr/local/apache2/conf";

    private static readonly VolumeRule s_confDirVolume = new(ConfDirVolume, UsesClaimTemplate: false, UsesSizeLimit: true);
    private static readonly VolumeRule s_agentVolume = new(AgentVolume, UsesClaimTemplate: true, UsesSizeLimit: true);

    /// <summary>Stands in for a missing <c>spec.apacheHttpd</c>; only ever read, never changed.</summary>
    private static readonly ApacheHttpd s_unset = new();

    public static void Inject(InjectionContext context, SelectedLanguage selected)
    {
        var instrumentation = selected.Instrumentation;
        var apache = instrumentation.Spec!.ApacheHttpd ?? s_unset;
        var targets = WebServerTargets.Resolve(context, selected);
        if (targets.Count == 0)
        {
            context.Decide(selected.Rule.Name, false, "no regular container to inject into (see the warnings)");
            return;
        }

        var fragments = context.Changes.Fragments;
        var confDir = ConfDir(apache.ConfigPath);
        var first = targets[0];

        // The operator sets both init containers' security context once per target, so the last target's wins.
        var securityFrom = targets[^1];
        var settings = WebServerModule.Settings(context, first, instrumentation, "apache-httpd");
        SdkEnv.AppendAll(fragments, first.Env, apache.Env);
        context.Changes.AddVolume(ConfDirVolume, InstrumentationVolume.Json(fragments, ConfDirVolume, apache, s_confDirVolume));
        var clone = WebServerInitContainer.CloneOf(fragments, first, ["cp", "-r", TextCache.Concat(confDir, "/."), WebServerModule.SourceConfPath], args: [],
            ConfDirVolume, apache.ResourceRequirements, instrumentation, securityFrom);
        WebServerModule.MountModule(context, first, confDir, AgentVolume, ConfDirVolume);
        context.Changes.AddVolume(AgentVolume, InstrumentationVolume.Json(fragments, AgentVolume, apache, s_agentVolume));
        var config = ApacheConfig.Build(settings, apache.Version, apache.Attrs);
        var agent = WebServerInitContainer.Agent(fragments, AgentContainerName, apache.Image ?? "", ApacheScripts.Agent, confDir,
            WebServerModule.AgentEnv(context, apache.Env, instrumentation, "OTEL_APACHE_AGENT_CONF", config, "APACHE_SERVICE_INSTANCE_ID"),
            AgentVolume, ConfDirVolume, apache.ResourceRequirements, instrumentation, securityFrom);
        WebServerModule.AddSdkEnv(context, first, instrumentation);

        for (var i = 1; i < targets.Count; i++)
        {
            SdkEnv.AppendAll(fragments, targets[i].Env, apache.Env);
            WebServerModule.AddSdkEnv(context, targets[i], instrumentation);
        }

        context.Changes.AddInitContainer(WebServerModule.CloneContainerName, clone, before: null);
        context.Changes.AddInitContainer(AgentContainerName, agent, before: null);
        WebServerTargets.WarnFirstOnly(context, selected, targets);
        context.Decide(selected.Rule.Name, true, WebServerModule.Describe(selected, targets));
    }

    /// <summary><c>configPath</c> without one trailing slash, or Apache's default folder.</summary>
    public static string ConfDir(string? configPath)
    {
        if (string.IsNullOrEmpty(configPath))
        {
            return DefaultConfDir;
        }

        return configPath.EndsWith('/') ? TextCache.Slice(configPath, 0, configPath.Length - 1) : configPath;
    }
}
