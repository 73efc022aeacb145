using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The resource attribute map R of the operator (shared spec §7.5): CR attributes, then Kubernetes metadata and
/// owners, then <c>resource.opentelemetry.io/*</c> annotations, then <c>service.namespace</c>; no layer writes a
/// key the container already sets in its own <c>OTEL_RESOURCE_ATTRIBUTES</c>.
/// </summary>
public static class ResourceAttributes
{
    public const string AnnotationPrefix = "resource.opentelemetry.io/";
    public const string PodNamePlaceholder = "$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME)";

    /// <summary>
    /// Keys the container's own <c>OTEL_RESOURCE_ATTRIBUTES</c> value sets (its last, effective entry; literal value).
    /// A key is the text before the first <c>=</c>, as SDKs read it; the operator ignores parts with a second <c>=</c>
    /// and then adds such a key again, so a value like <c>a=b=c</c> would be repeated on every pass.
    /// </summary>
    public static HashSet<string> ExistingKeys(ContainerView container)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (EnvList.FindLast(container.Env, "OTEL_RESOURCE_ATTRIBUTES")?.Value is { } value)
        {
            foreach (var part in value.Split(','))
            {
                var pair = part.Trim();
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    keys.Add(pair[..equals]);
                }
            }
        }

        return keys;
    }

    public static SortedDictionary<string, string> Compute(PodView pod, string ns, ContainerView app, Instrumentation instrumentation, HashSet<string> existing)
    {
        var spec = instrumentation.Spec!;
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // Layer 1 copies every CR entry, empty values too ("key=", shared spec §7.5.6); later layers skip empty values.
        foreach (var (key, value) in spec.Resource?.ResourceAttributes ?? [])
        {
            if (!existing.Contains(key))
            {
                attributes[key] = value ?? "";
            }
        }

        Set(attributes, existing, "k8s.namespace.name", ns);
        Set(attributes, existing, "k8s.container.name", app.Name);
        Set(attributes, existing, "k8s.pod.name", pod.Name);
        Set(attributes, existing, "k8s.pod.uid", pod.Uid);
        Set(attributes, existing, "k8s.node.name", pod.NodeName);
        var instanceId = pod.Annotation(AnnotationPrefix + "service.instance.id") is { Length: > 0 } id
            ? id
            : ns.Length > 0 && app.Name.Length > 0 ? ns + "." + PodNamePlaceholder + "." + app.Name : "";
        Set(attributes, existing, "service.instance.id", instanceId);
        OwnerNames.Add(pod, spec.Resource?.AddK8sUIDAttributes == true, attributes, existing);

        foreach (var (key, value) in pod.Annotations)
        {
            if (key.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && key.Length > AnnotationPrefix.Length)
            {
                var attribute = key[AnnotationPrefix.Length..];
                if (attribute != "service.name" && !existing.Contains(attribute))
                {
                    attributes[attribute] = value;
                }
            }
        }

        var serviceNamespace = pod.Annotation(AnnotationPrefix + "service.namespace") is { Length: > 0 } sn ? sn : ns;
        Set(attributes, existing, "service.namespace", serviceNamespace);
        return attributes;
    }

    /// <summary><c>key=value</c> pairs in ordinal key order joined by commas, values unescaped (as the operator writes them).</summary>
    public static string Serialize(SortedDictionary<string, string> attributes)
        => string.Join(",", attributes.Select(pair => pair.Key + "=" + pair.Value));

    private static void Set(SortedDictionary<string, string> attributes, HashSet<string> existing, string key, string value)
    {
        if (value.Length > 0 && !existing.Contains(key))
        {
            attributes[key] = value;
        }
    }
}
