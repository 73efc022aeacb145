using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Text;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The resource attribute map R of the operator (shared spec §7.5): CR attributes, then Kubernetes metadata and
/// owners, then <c>resource.opentelemetry.io/*</c> annotations, then <c>service.namespace</c>; no layer writes a
/// key the container already sets in its own <c>OTEL_RESOURCE_ATTRIBUTES</c>.
/// </summary>
public static class ResourceAttributes
{
    public const string AnnotationPrefix = "resource.opentelemetry.io/";
    public const string ServiceNameAnnotation = AnnotationPrefix + "service.name";
    public const string ServiceVersionAnnotation = AnnotationPrefix + "service.version";
    public const string ServiceInstanceIdAnnotation = AnnotationPrefix + "service.instance.id";
    public const string ServiceNamespaceAnnotation = AnnotationPrefix + "service.namespace";
    public const string PodNamePlaceholder = "$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME)";

    /// <summary>
    /// Fills <paramref name="keys"/> with the keys the container's own <c>OTEL_RESOURCE_ATTRIBUTES</c> value sets (its
    /// last, effective entry; literal value). A key is the text before the first <c>=</c>, as SDKs read it; the
    /// operator ignores parts with a second <c>=</c> and then adds such a key again, so a value like <c>a=b=c</c>
    /// would be repeated on every pass.
    /// </summary>
    public static void ExistingKeys(ContainerView container, HashSet<string> keys)
        => ExistingKeys(EnvList.FindLast(container.Env, SdkEnv.ResourceAttributesEnv), keys);

    /// <summary><see cref="ExistingKeys(ContainerView, HashSet{string})"/> from the container's last entry of that name, found already (null: none).</summary>
    public static void ExistingKeys(EnvEntry? own, HashSet<string> keys)
    {
        keys.Clear();
        if (own?.Value is not { } value)
        {
            return;
        }

        var rest = value.AsSpan();
        while (true)
        {
            var comma = rest.IndexOf(',');
            var pair = (comma < 0 ? rest : rest[..comma]).Trim();
            var equals = pair.IndexOf('=');
            if (equals > 0)
            {
                keys.Add(TextCache.Get(pair[..equals]));
            }

            if (comma < 0)
            {
                return;
            }

            rest = rest[(comma + 1)..];
        }
    }

    /// <summary>
    /// Whether the container's own value sets <paramref name="key"/> (<paramref name="existing"/>, from <see cref="ExistingKeys(ContainerView, HashSet{string})"/>).
    /// Usually it sets none, and an empty set answers without hashing the key.
    /// </summary>
    public static bool UserSets(HashSet<string> existing, string key) => existing.Count > 0 && existing.Contains(key);

    /// <summary>Fills <paramref name="attributes"/> (cleared first) for <paramref name="app"/>.</summary>
    public static void Compute(InjectionContext context, ContainerView app, Instrumentation instrumentation, HashSet<string> existing, AttributeMap attributes)
    {
        var pod = context.Pod;
        var ns = context.Namespace;
        var spec = instrumentation.Spec!;
        attributes.Clear();
        // Layer 1 copies every CR entry, empty values too ("key=", shared spec §7.5.6); later layers skip empty values.
        if (spec.Resource?.ResourceAttributes is { } configured)
        {
            foreach (var (key, value) in configured)
            {
                if (!UserSets(existing, key))
                {
                    attributes[key] = value ?? "";
                }
            }
        }

        // Without CR attributes (the usual case) the Kubernetes and owner keys are new, and distinct: added without a search.
        var isNew = attributes.Count == 0;
        Set(attributes, existing, "k8s.namespace.name", ns, isNew);
        Set(attributes, existing, "k8s.container.name", app.Name, isNew);
        Set(attributes, existing, "k8s.pod.name", pod.Name, isNew);
        Set(attributes, existing, "k8s.pod.uid", pod.Uid, isNew);
        Set(attributes, existing, "k8s.node.name", pod.NodeName, isNew);
        if (context.PodAnnotation(ServiceInstanceIdAnnotation) is { Length: > 0 } id)
        {
            Set(attributes, existing, "service.instance.id", id, isNew);
        }
        else if (ns.Length > 0 && app.Name.Length > 0 && !UserSets(existing, "service.instance.id"))
        {
            // The namespace and pod name part is the pod's, the container's name its own: kept apart, not joined per container.
            var prefix = context.InstanceIdPrefix.TryGet(ns, null, out var made) ? made
                : context.InstanceIdPrefix.Remember(ns, null, TextCache.Concat([ns, ".", PodNamePlaceholder, "."]));
            if (isNew)
            {
                attributes.Add("service.instance.id", prefix, app.Name);
            }
            else
            {
                attributes.Set("service.instance.id", prefix, app.Name);
            }
        }

        foreach (var (key, value) in context.PodAttributes.Owners(spec.Resource?.AddK8sUIDAttributes == true))
        {
            Set(attributes, existing, key, value, isNew);
        }

        foreach (var (attribute, value) in context.PodAttributes.Annotations)
        {
            if (!UserSets(existing, attribute))
            {
                attributes[attribute] = value;
            }
        }

        var serviceNamespace = context.PodAnnotation(ServiceNamespaceAnnotation) is { Length: > 0 } sn ? sn : ns;
        Set(attributes, existing, "service.namespace", serviceNamespace);
    }

    private static void Set(AttributeMap attributes, HashSet<string> existing, string key, string value, bool isNew = false)
    {
        if (value.Length > 0 && !UserSets(existing, key))
        {
            if (isNew)
            {
                attributes.Add(key, value);
            }
            else
            {
                attributes[key] = value;
            }
        }
    }
}
