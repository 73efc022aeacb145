namespace Webhook.Injection.Pods;

/// <summary>
/// The fields of a pod that injection reads, taken from the request bytes in one pass. Everything else in the pod
/// is never looked at and never rewritten: the patch only touches what injection changes.
/// </summary>
public sealed class PodView
{
    public string Name { get; set; } = "";

    public string GenerateName { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string Uid { get; set; } = "";

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    public List<OwnerReference> Owners { get; } = new();

    public List<ContainerView> Containers { get; } = new();

    public bool HasInitContainers { get; set; }

    public List<ContainerView> InitContainers { get; } = new();

    public bool HasVolumes { get; set; }

    public List<string> VolumeNames { get; } = new();

    public bool? ShareProcessNamespace { get; set; }

    public string NodeName { get; set; } = "";

    public string? Annotation(string key) => Annotations.TryGetValue(key, out var value) ? value : null;

    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>A container by name: regular containers first, then init containers (as the operator resolves names).</summary>
    public ContainerView? FindContainer(string name)
    {
        foreach (var container in Containers)
        {
            if (container.Name == name)
            {
                return container;
            }
        }

        foreach (var container in InitContainers)
        {
            if (container.Name == name)
            {
                return container;
            }
        }

        return null;
    }

    public ContainerView? FindInitContainer(string name) => InitContainers.Find(c => c.Name == name);
}
