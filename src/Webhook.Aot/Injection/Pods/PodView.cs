namespace Webhook.Injection.Pods;

/// <summary>
/// The fields of a pod that injection reads, taken from the request bytes in one pass. Everything else in the pod
/// is never looked at and never rewritten: the patch only touches what injection changes. A view is reused from
/// pod to pod (<see cref="Clear"/>): its lists and containers keep their storage.
/// </summary>
public sealed class PodView
{
    private readonly List<ContainerView> _spareContainers = new();

    public string Name { get; set; } = "";

    public string GenerateName { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string Uid { get; set; } = "";

    /// <summary>Whether the pod has a metadata object, and in it a labels and an annotations object (a patch adds to those, or adds them whole).</summary>
    public bool HasMetadata { get; set; }

    public bool HasLabels { get; set; }

    public bool HasAnnotations { get; set; }

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
    public ContainerView? FindContainer(string name) => Find(Containers, name) ?? Find(InitContainers, name);

    /// <summary>
    /// A new (cleared) container view at the end of <paramref name="list"/>, reusing a spare one when there is; its
    /// lists sized for what the container before it holds (<see cref="ContainerView.SizeListsLike"/>).
    /// </summary>
    public ContainerView AddContainer(List<ContainerView> list, bool isInit)
    {
        ContainerView container;
        if (_spareContainers.Count > 0)
        {
            container = _spareContainers[^1];
            _spareContainers.RemoveAt(_spareContainers.Count - 1);
        }
        else
        {
            container = new ContainerView();
        }

        container.Index = list.Count;
        container.IsInit = isInit;
        if (list.Count > 0)
        {
            container.SizeListsLike(list[^1]);
        }

        list.Add(container);
        return container;
    }

    /// <summary>Back to an empty pod; container views are kept for the next pod.</summary>
    public void Clear()
    {
        Name = GenerateName = Namespace = Uid = NodeName = "";
        HasMetadata = HasLabels = HasAnnotations = false;
        ReusedList.Clear(Labels);
        ReusedList.Clear(Annotations);
        ReusedList.Clear(Owners);
        Release(Containers);
        Release(InitContainers);
        HasInitContainers = false;
        HasVolumes = false;
        ReusedList.Clear(VolumeNames);
        ShareProcessNamespace = null;
    }

    /// <summary>Empties <paramref name="containers"/> (a list given twice: the later one replaces it); the views are kept for reuse.</summary>
    public void ClearContainers(List<ContainerView> containers) => Release(containers);

    private void Release(List<ContainerView> containers)
    {
        foreach (var container in containers)
        {
            if (_spareContainers.Count < ReusedList.KeptContainerViews)
            {
                container.Clear();
                _spareContainers.Add(container);
            }
        }

        ReusedList.Clear(containers);
    }

    private static ContainerView? Find(List<ContainerView> containers, string name)
    {
        foreach (var container in containers)
        {
            if (container.Name == name)
            {
                return container;
            }
        }

        return null;
    }
}
