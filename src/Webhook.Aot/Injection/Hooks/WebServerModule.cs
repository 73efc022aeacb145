using Webhook.Injection.Patching;
using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;

namespace Webhook.Injection.Hooks;

/// <summary>What the Apache and Nginx modules are told about the app: where to export, which service, which namespace.</summary>
public sealed record WebServerModuleSettings(string Endpoint, string ServiceName, string ServiceNamespace);

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
        ResourceAttributes.Compute(pod, context.Namespace, container, instrumentation, context.ExistingAttributeKeys, attributes);
        var endpoint = instrumentation.Spec?.Exporter?.Endpoint is { Length: > 0 } configured ? configured : DefaultEndpoint;
        var serviceNamespace = pod.Namespace.Length > 0 ? pod.Namespace
            : attributes.TryGetValue("k8s.namespace.name", out var ns) && ns.Length > 0 ? ns
            : namespaceFallback;
        return new WebServerModuleSettings(endpoint, ServiceName.Choose(pod, container, instrumentation, attributes), serviceNamespace);
    }

    /// <summary>The module attributes: the defaults, then <c>attrs</c> of the Instrumentation, which override them; sorted by key.</summary>
    public static SortedDictionary<string, string> Attributes(IEnumerable<(string Key, string Value)> defaults, List<EnvVar>? attrs)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in defaults)
        {
            attributes[key] = value;
        }

        foreach (var attr in attrs ?? [])
        {
            if (attr.Name is { } name)
            {
                attributes[name] = attr.Value ?? "";
            }
        }

        return attributes;
    }

    /// <summary>
    /// The env of the init container that writes the module configuration: the language's env, <c>spec.env</c>
    /// where absent, the pod and node IPs where absent (so <c>$(VAR)</c> in the endpoint expands), then the
    /// configuration and the pod name that replaces the service instance placeholder.
    /// </summary>
    public static List<EnvEntry> AgentEnv(FragmentBuffer fragments, List<EnvVar>? languageEnv, Instrumentation instrumentation, string configEnv, string config, string instanceEnv)
    {
        var env = new List<EnvEntry>();
        foreach (var entry in languageEnv ?? [])
        {
            if (entry.Name is not null)
            {
                env.Add(SdkEnv.Copy(fragments, entry));
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
        if (container.VolumeMounts.Find(m => m.MountPath.Contains(confDir, StringComparison.Ordinal)) is { } replaced)
        {
            context.Changes.RemoveMount(container, replaced);
        }

        context.Changes.AddMount(container, agentVolume, AgentPath);
        context.Changes.AddMount(container, confDirVolume, confDir);
    }

    /// <summary>The common env and the SDK env, as for every other language; the modules themselves do not read them.</summary>
    public static void AddSdkEnv(InjectionContext context, ContainerView container, Instrumentation instrumentation)
    {
        SdkEnv.AddCommon(context.Changes.Fragments, container, instrumentation);
        SdkEnv.AddSdk(context, container, container, instrumentation);
    }

    public static string Describe(SelectedLanguage selected, List<ContainerView> targets)
        => "injected into " + string.Join(", ", targets.Select(c => c.Name)) + " (module in " + targets[0].Name + ") from Instrumentation "
            + selected.Instrumentation.Metadata?.Namespace + "/" + selected.Instrumentation.Metadata?.Name;
}
