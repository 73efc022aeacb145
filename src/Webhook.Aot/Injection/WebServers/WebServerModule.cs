using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;
using Webhook.Injection.Text;
using Webhook.Text;

namespace Webhook.Injection.WebServers;

/// <summary>The parts of the Apache HTTPD and Nginx injection that are the same for both web servers (shared spec §8.6, §8.7).</summary>
public static class WebServerModule
{
    public const string DefaultEndpoint = "http://localhost:4317/";
    public const string ServiceInstancePlaceholder = "<<SID-PLACEHOLDER>>";
    public const string CloneContainerName = "otel-agent-source-container-clone";
    public const string AgentPath = "/opt/opentelemetry-webserver/agent";
    public const string SourceConfPath = "/opt/opentelemetry-webserver/source-conf";

    /// <summary>
    /// The module settings for <paramref name="container"/>, from its resource attributes before injection changes
    /// it: the exporter endpoint, the service name of §7.4, and the pod's namespace.
    /// </summary>
    public static WebServerModuleSettings Settings(InjectionContext context, ContainerView container, Instrumentation instrumentation, string namespaceFallback)
    {
        var pod = context.Pod;
        var attributes = context.Attributes;
        ResourceAttributes.ExistingKeys(container, context.ExistingAttributeKeys);
        ResourceAttributes.Compute(context, container, instrumentation, context.ExistingAttributeKeys, attributes);
        var endpoint = instrumentation.Spec?.Exporter?.Endpoint is { Length: > 0 } configured ? configured : DefaultEndpoint;
        var serviceNamespace = pod.Namespace.Length > 0 ? pod.Namespace
            : attributes.TryGetValue("k8s.namespace.name", out var ns) && ns.Length > 0 ? ns
            : namespaceFallback;
        return new WebServerModuleSettings(endpoint, ServiceName.Choose(context, container, instrumentation, attributes), serviceNamespace);
    }

    /// <summary>
    /// The env of the init container that writes the module configuration: the language's env, <c>spec.env</c>
    /// where absent, the pod and node IPs where absent (so <c>$(VAR)</c> in the endpoint expands), then the
    /// configuration and the pod name that replaces the service instance placeholder. The list is the context's
    /// <see cref="InjectionContext.InitContainerEnv"/>, refilled on each call.
    /// </summary>
    public static List<EnvEntry> AgentEnv(InjectionContext context, List<EnvVar>? languageEnv, Instrumentation instrumentation, string configEnv, string config, string instanceEnv)
    {
        var fragments = context.Changes.Fragments;
        var env = context.InitContainerEnv;
        env.Clear();
        if (languageEnv is not null)
        {
            foreach (var entry in languageEnv)
            {
                if (entry.Name is not null)
                {
                    env.Add(SdkEnv.Copy(fragments, entry));
                }
            }
        }

        SdkEnv.AppendAll(fragments, env, instrumentation.Spec?.Env);
        EnvList.AppendIfAbsent(env, EnvEntry.FieldRef("OTEL_POD_IP", "status.podIP"));
        EnvList.AppendIfAbsent(env, EnvEntry.FieldRef("OTEL_NODE_IP", "status.hostIP"));
        env.Add(EnvEntry.Literal(configEnv, config));
        env.Add(EnvEntry.FieldRef(instanceEnv, "metadata.name"));
        return env;
    }

    /// <summary>
    /// The container's configuration folder comes from the shared volume: its first mount under that folder goes
    /// (the clone already copied what it held), the agent and the configuration volumes are mounted.
    /// </summary>
    public static void MountModule(InjectionContext context, ContainerView container, string confDir, string agentVolume, string confDirVolume)
    {
        if (FirstMountUnder(container, confDir) is { } replaced)
        {
            context.Changes.RemoveMount(container, replaced);
        }

        context.Changes.AddMount(container, agentVolume, AgentPath);
        context.Changes.AddMount(container, confDirVolume, confDir);
    }

    /// <summary>The common env and the SDK env, as for every other language; the modules themselves do not read them.</summary>
    public static void AddSdkEnv(InjectionContext context, ContainerView container, Instrumentation instrumentation)
    {
        SdkEnv.AddCommon(context, container, instrumentation);
        SdkEnv.AddSdk(context, container, container, instrumentation);
    }

    /// <summary>The decision's reason, a <see cref="TextCache"/> string.</summary>
    public static string Describe(SelectedLanguage selected, List<ContainerView> targets)
    {
        var text = new TextBuilder(stackalloc char[256]);
        text.Append("injected into ");
        for (var i = 0; i < targets.Count; i++)
        {
            text.AppendListed(i, targets[i].Name);
        }

        text.AppendMore(targets.Count);
        text.Append(" (module in ");
        text.Append(EchoedText.Cut(targets[0].Name));
        text.Append(") from Instrumentation ");
        text.Append(selected.Instrumentation.Metadata?.Namespace);
        text.Append('/');
        text.Append(selected.Instrumentation.Metadata?.Name);
        return text.ToCachedString();
    }

    private static VolumeMountView? FirstMountUnder(ContainerView container, string confDir)
    {
        foreach (var mount in container.VolumeMounts)
        {
            if (mount.MountPath.Contains(confDir, StringComparison.Ordinal))
            {
                return mount;
            }
        }

        return null;
    }
}
