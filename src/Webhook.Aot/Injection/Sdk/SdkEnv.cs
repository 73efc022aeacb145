using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Text;
using Webhook.Text;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The env every instrumented container gets (shared spec §7.2): step B, the node/pod IPs and the
/// Instrumentation's common env; step C, the SDK configuration, ending with <c>OTEL_RESOURCE_ATTRIBUTES</c> last.
/// </summary>
public static class SdkEnv
{
    public const string ResourceAttributesEnv = "OTEL_RESOURCE_ATTRIBUTES";
    public const string NodeNameEnv = "OTEL_RESOURCE_ATTRIBUTES_NODE_NAME";
    private const string NodeNameReference = "$(" + NodeNameEnv + ")";
    private const string PodUidReference = "$(OTEL_RESOURCE_ATTRIBUTES_POD_UID)";

    // Written side by side in the order a container usually gets them (node IP before pod IP, pod name right before
    // node name), so the patch writer copies each pair in one piece.
    private static readonly EnvEntry[] s_ips = PrewrittenEnv.Adjacent(
        EnvEntry.FieldRef("OTEL_NODE_IP", "status.hostIP"), EnvEntry.FieldRef("OTEL_POD_IP", "status.podIP"));
    private static readonly EnvEntry[] s_names = PrewrittenEnv.Adjacent(
        EnvEntry.FieldRef("OTEL_RESOURCE_ATTRIBUTES_POD_NAME", "metadata.name"), EnvEntry.FieldRef(NodeNameEnv, "spec.nodeName"));
    private static readonly EnvEntry s_nodeIp = s_ips[0];
    private static readonly EnvEntry s_podIp = s_ips[1];
    private static readonly EnvEntry s_podName = s_names[0];
    private static readonly EnvEntry s_nodeName = s_names[1];
    private static readonly EnvEntry s_podUid = PrewrittenEnv.FieldRef("OTEL_RESOURCE_ATTRIBUTES_POD_UID", "metadata.uid");

    /// <summary>Step B: <c>OTEL_NODE_IP</c> and <c>OTEL_POD_IP</c> first, then <c>spec.env</c> where absent.</summary>
    public static void AddCommon(InjectionContext context, ContainerView container, Instrumentation instrumentation)
    {
        var env = container.Env;
        if (!EnvList.Contains(env, s_podIp.Name) && !EnvList.Contains(env, s_nodeIp.Name))
        {
            // The usual case: both go in front together, the container's entries moved once instead of twice.
            EnvList.Prepend(env, s_ips);
        }
        else
        {
            EnvList.PrependIfAbsent(env, s_podIp);
            EnvList.PrependIfAbsent(env, s_nodeIp);
        }

        AppendAll(container.Env, context.Prebuilt(instrumentation).CommonEnv);
    }

    /// <summary>Appends Instrumentation env entries where no entry of that name exists, copying them as written.</summary>
    public static void AppendAll(FragmentBuffer fragments, List<EnvEntry> env, List<EnvVar>? entries)
    {
        if (entries is null)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (entry.Name is { } name && !EnvList.Contains(env, name))
            {
                env.Add(Copy(fragments, entry));
            }
        }
    }

    /// <summary>Appends prewritten entries (<see cref="PrewrittenEnv"/>) where no entry of that name exists.</summary>
    public static void AppendAll(List<EnvEntry> env, EnvEntry[] entries)
    {
        foreach (var entry in entries)
        {
            EnvList.AppendIfAbsent(env, entry);
        }
    }

    public static EnvEntry Copy(FragmentBuffer fragments, EnvVar entry)
    {
        entry.Write(fragments.Start());
        return EnvEntry.Copied(entry.Name!, entry.Value, entry.ValueFrom is not null, fragments.End());
    }

    /// <summary>Whether an Instrumentation env list has an entry of that name.</summary>
    public static bool Names(List<EnvVar>? entries, string name)
    {
        if (entries is null)
        {
            return false;
        }

        foreach (var entry in entries)
        {
            if (entry.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Step C on <paramref name="target"/>, computed from <paramref name="app"/> (the same container, except for
    /// the Go sidecar, whose settings describe the app it watches).
    /// </summary>
    public static void AddSdk(InjectionContext context, ContainerView target, ContainerView app, Instrumentation instrumentation)
    {
        var pod = context.Pod;
        var spec = instrumentation.Spec!;
        var prebuilt = context.Prebuilt(instrumentation);
        var env = target.Env;
        var existing = context.ExistingAttributeKeys;
        var attributes = context.Attributes;
        // The container's own resource attributes entry, found once: only appends follow until it is written, so the index holds.
        var own = EnvList.LastIndexOf(env, ResourceAttributesEnv);
        if (app == target)
        {
            ResourceAttributes.ExistingKeys(own < 0 ? null : env[own], existing);
        }
        else
        {
            ResourceAttributes.ExistingKeys(app, existing);
        }

        ResourceAttributes.Compute(context, app, instrumentation, existing, attributes);

        EnvList.AppendIfAbsent(env, EnvEntry.Literal("OTEL_SERVICE_NAME", ServiceName.Choose(context, app, instrumentation, attributes)));
        if (prebuilt.Endpoint is { } endpoint)
        {
            EnvList.AppendIfAbsent(env, endpoint);
        }

        if (spec.Exporter?.Tls is { } tls)
        {
            ExporterTls.Apply(context, target, tls);
        }

        EnvList.AppendIfAbsent(env, s_podName);
        SetUnlessUserSet(attributes, existing, "k8s.pod.name", ResourceAttributes.PodNamePlaceholder);
        if (spec.Resource?.AddK8sUIDAttributes == true && !attributes.ContainsKey("k8s.pod.uid") && !ResourceAttributes.UserSets(existing, "k8s.pod.uid"))
        {
            EnvList.AppendIfAbsent(env, s_podUid);
            attributes["k8s.pod.uid"] = PodUidReference;
        }

        if (own < 0 || env[own].Value?.Contains("service.version", StringComparison.Ordinal) != true)
        {
            if (ServiceName.Version(context, app, instrumentation) is { Length: > 0 } version)
            {
                attributes["service.version"] = version;
            }
        }

        if (!attributes.ContainsKey("k8s.node.name") && !ResourceAttributes.UserSets(existing, "k8s.node.name"))
        {
            EnvList.AppendIfAbsent(env, s_nodeName);
            attributes["k8s.node.name"] = NodeNameReference;
        }

        if (prebuilt.Propagators is { } propagators)
        {
            EnvList.AppendIfAbsent(env, propagators);
        }

        if (prebuilt.Sampler is { } sampler && !EnvList.Contains(env, "OTEL_TRACES_SAMPLER") && !EnvList.Contains(env, "OTEL_TRACES_SAMPLER_ARG"))
        {
            env.Add(sampler);
            if (prebuilt.SamplerArgument is { } argument)
            {
                env.Add(argument);
            }
        }

        // Last: a new entry is added at the end; the container's own last definition (the one Kubernetes uses, read and
        // extended here) is moved there, the operator's "move it to the end", and a repeated name no longer flips between
        // entries on every pass.
        WriteResourceAttributes(context, target, attributes, own);
        EnvList.MoveToEnd(env, own);
    }

    private static void WriteResourceAttributes(InjectionContext context, ContainerView target, AttributeMap attributes, int index)
    {
        if (index < 0)
        {
            // The usual case: a value of about 300 characters per container, written as JSON from the map, or copied when
            // the workload's pod before had the same attributes.
            var remembered = context.WrittenAttributes;
            if (remembered.TryCopy(attributes, context.Changes.Fragments, out var copied))
            {
                target.Env.Add(copied);
                return;
            }

            var slot = remembered.Next();
            slot.Hold(attributes);
            var text = new TextBuilder(stackalloc char[TextCache.MaxLength]);
            attributes.SerializeTo(ref text);
            var entry = FragmentEnv.Literal(context.Changes.Fragments, ResourceAttributesEnv, text.Text);
            text.Dispose();
            slot.Keep(entry);
            target.Env.Add(entry);
        }
        else if (target.Env[index].HasValueFrom)
        {
            // The operator would add a value next to valueFrom, which the API server rejects; keep the user's entry.
            context.Warn(WarningReason.ResourceAttributesValueFrom, "containers[" + EchoedText.Cut(target.Name) + "].env[" + ResourceAttributesEnv
                + "]: uses valueFrom, so Kubernetes attributes were not added; set them with a value instead");
        }
        else if (attributes.Count > 0)
        {
            var serialized = attributes.Serialize();
            var value = target.Env[index].Value ?? "";
            EnvList.SetValue(target.Env, index, value.EndsWith(',') ? TextCache.Concat(value, serialized) : TextCache.Concat(value, ",", serialized));
        }
    }

    /// <summary>The operator forces <c>k8s.pod.name</c> even over the user's own value, duplicating the key; we leave the user's.</summary>
    private static void SetUnlessUserSet(AttributeMap attributes, HashSet<string> existing, string key, string value)
    {
        if (!ResourceAttributes.UserSets(existing, key))
        {
            attributes[key] = value;
        }
    }
}
