using Webhook.Crd;
using Webhook.Injection.Agents;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;

namespace Webhook.Injection.Hooks;

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

    public static void Inject(InjectionContext context, SelectedLanguage selected)
    {
        var instrumentation = selected.Instrumentation;
        var apache = instrumentation.Spec!.ApacheHttpd ?? new ApacheHttpd();
        var targets = WebServerTargets.Resolve(context, selected);
        if (targets.Count == 0)
        {
            context.Decide(selected.Rule.Name, false, "no regular container to inject into (see the warnings)");
            return;
        }

        var confDir = ConfDir(apache.ConfigPath);
        var first = targets[0];
        var settings = WebServerModule.Settings(context, first, instrumentation, "apache-httpd");
        SdkEnv.AppendAll(context.Changes.Fragments, first.Env, apache.Env);
        context.Changes.AddVolume(ConfDirVolume, InstrumentationVolume.Json(context.Changes.Fragments, ConfDirVolume, apache, new VolumeRule(ConfDirVolume, UsesClaimTemplate: false, UsesSizeLimit: true)));
        var clone = WebServerInitContainer.CloneOf(context.Changes.Fragments, first, ["cp", "-r", confDir + "/.", WebServerModule.SourceConfPath], args: null, ConfDirVolume, apache.ResourceRequirements);
        WebServerModule.MountModule(context, first, confDir, AgentVolume, ConfDirVolume);
        context.Changes.AddVolume(AgentVolume, InstrumentationVolume.Json(context.Changes.Fragments, AgentVolume, apache, new VolumeRule(AgentVolume, UsesClaimTemplate: true, UsesSizeLimit: true)));
        var config = ApacheConfig.Build(settings, apache.Version, apache.Attrs);
        var agent = WebServerInitContainer.Agent(context.Changes.Fragments, AgentContainerName, apache.Image ?? "", ApacheScripts.Agent, confDir,
            WebServerModule.AgentEnv(context.Changes.Fragments, apache.Env, instrumentation, "OTEL_APACHE_AGENT_CONF", config, "APACHE_SERVICE_INSTANCE_ID"),
            AgentVolume, ConfDirVolume, apache.ResourceRequirements, instrumentation);
        WebServerModule.AddSdkEnv(context, first, instrumentation);

        foreach (var target in targets.Skip(1))
        {
            SdkEnv.AppendAll(context.Changes.Fragments, target.Env, apache.Env);
            WebServerModule.AddSdkEnv(context, target, instrumentation);
        }

        // The operator sets both init containers' security context once per target, so the last target's wins.
        context.Changes.AddInitContainer(clone.Name, clone.Json(context.Changes.Fragments, instrumentation, targets[^1]), before: null);
        context.Changes.AddInitContainer(agent.Name, agent.Json(context.Changes.Fragments, instrumentation, targets[^1]), before: null);
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

        return configPath.EndsWith('/') ? configPath[..^1] : configPath;
    }
}
