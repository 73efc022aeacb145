using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>One init container of the final list: one the pod had (<see cref="Existing"/>), or one injection adds (its JSON).</summary>
public readonly record struct InitContainerSlot(string Name, ContainerView? Existing, ReadOnlyMemory<byte> Json)
{
    public bool IsAdded => Existing is null;
}

/// <summary>
/// Everything injection changes in one pod, recorded against the <see cref="PodView"/> so the patch touches
/// only those paths. Containers' env and mount lists are edited in place on their views. Reused from pod to pod.
/// </summary>
public sealed class PodChanges
{
    /// <summary>Volume lists up to this long are scanned; longer ones are looked up through <see cref="_volumeNames"/>.</summary>
    private const int VolumeScanLimit = 16;

    /// <summary>The pod's volume names as a set, built when first needed for a pod with many volumes (one per target otherwise).</summary>
    private HashSet<string>? _volumeNames;

    public PodChanges(PodView pod, FragmentBuffer fragments)
    {
        Pod = pod;
        Fragments = fragments;
        Reset();
    }

    public PodView Pod { get; }

    /// <summary>Where the JSON of added objects is written.</summary>
    public FragmentBuffer Fragments { get; }

    public List<InitContainerSlot> InitContainers { get; } = new();

    public List<(string Name, ReadOnlyMemory<byte> Json)> NewVolumes { get; } = new();

    public List<(string Name, ReadOnlyMemory<byte> Json)> NewContainers { get; } = new();

    public bool SetShareProcessNamespace { get; set; }

    /// <summary>
    /// The <see cref="InjectedMarker"/> entry of each injected language, indexed by <see cref="Language"/> (so in
    /// injection order); empty for the others. Written only with other changes: the marker alone is no injection.
    /// </summary>
    public ReadOnlyMemory<byte>[] MarkerEntries { get; } = new ReadOnlyMemory<byte>[InjectionTable.All.Length];

    public bool IsEmpty
    {
        get
        {
            if (NewVolumes.Count > 0 || NewContainers.Count > 0 || SetShareProcessNamespace || AnyChanged(Pod.Containers) || AnyChanged(Pod.InitContainers))
            {
                return false;
            }

            foreach (var slot in InitContainers)
            {
                if (slot.IsAdded)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Starts over for the pod the view now holds.</summary>
    public void Reset()
    {
        InitContainers.Clear();
        NewVolumes.Clear();
        NewContainers.Clear();
        SetShareProcessNamespace = false;
        _volumeNames = null;
        Array.Clear(MarkerEntries);
        foreach (var container in Pod.InitContainers)
        {
            InitContainers.Add(new InitContainerSlot(container.Name, container, default));
        }
    }

    /// <summary>Whether any language was marked injected (<see cref="MarkerEntries"/>).</summary>
    public bool HasMarker
    {
        get
        {
            foreach (var entry in MarkerEntries)
            {
                if (!entry.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Keeps the entries of an earlier marker on the pod for languages not injected now, so the new value still names
    /// them (rare: such a pod normally counts as already instrumented).
    /// </summary>
    public void KeepEarlierMarkerEntries(string earlier)
    {
        foreach (var entry in InjectedMarker.Read(earlier))
        {
            if (InjectionTable.TryGetByName(entry.Language, out var language) && MarkerEntries[(int)language].IsEmpty)
            {
                MarkerEntries[(int)language] = InjectedMarkerJson.Escaped(entry.Language, System.Text.Encoding.UTF8.GetBytes(entry.Json));
            }
        }
    }

    public bool HasVolume(string name)
    {
        if (Pod.VolumeNames.Count <= VolumeScanLimit ? Pod.VolumeNames.Contains(name) : (_volumeNames ??= new HashSet<string>(Pod.VolumeNames, StringComparer.Ordinal)).Contains(name))
        {
            return true;
        }

        foreach (var volume in NewVolumes)
        {
            if (volume.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    public void AddVolume(string name, ReadOnlyMemory<byte> json)
    {
        if (!HasVolume(name))
        {
            NewVolumes.Add((name, json));
        }
    }

    /// <summary>Adds a mount unless the container has one of that name already (a duplicate makes the pod invalid).</summary>
    public void AddMount(ContainerView container, string name, string mountPath, bool readOnly = false)
    {
        foreach (var mount in container.VolumeMounts)
        {
            if (mount.Name == name)
            {
                return;
            }
        }

        container.VolumeMounts.Add(VolumeMountView.Added(name, mountPath, readOnly));
        container.MountsChanged = true;
    }

    public void RemoveMount(ContainerView container, VolumeMountView mount)
    {
        container.VolumeMounts.Remove(mount);
        container.MountsChanged = true;
    }

    public bool HasInitContainer(string name) => IndexOfInit(name, addedOnly: false) >= 0;

    /// <summary>Inserts an init container before <paramref name="before"/> (an init container of the pod), or appends it.</summary>
    public void AddInitContainer(string name, ReadOnlyMemory<byte> json, ContainerView? before)
    {
        var index = -1;
        for (var i = 0; before is not null && i < InitContainers.Count; i++)
        {
            if (InitContainers[i].Existing == before)
            {
                index = i;
                break;
            }
        }

        var slot = new InitContainerSlot(name, null, json);
        if (index < 0)
        {
            InitContainers.Add(slot);
        }
        else
        {
            InitContainers.Insert(index, slot);
        }
    }

    /// <summary>Inserts an init container right after another added one (Java extensions follow the agent).</summary>
    public void AddInitContainerAfter(string previous, string name, ReadOnlyMemory<byte> json)
    {
        var index = -1;
        for (var i = InitContainers.Count - 1; i >= 0; i--)
        {
            if (InitContainers[i].Name == previous)
            {
                index = i;
                break;
            }
        }

        InitContainers.Insert(index + 1, new InitContainerSlot(name, null, json));
    }

    public void ReplaceInitContainer(string name, ReadOnlyMemory<byte> json)
    {
        var index = IndexOfInit(name, addedOnly: true);
        if (index >= 0)
        {
            InitContainers[index] = new InitContainerSlot(name, null, json);
        }
    }

    private int IndexOfInit(string name, bool addedOnly)
    {
        for (var i = 0; i < InitContainers.Count; i++)
        {
            if (InitContainers[i].Name == name && (!addedOnly || InitContainers[i].IsAdded))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AnyChanged(List<ContainerView> containers)
    {
        foreach (var container in containers)
        {
            if (container.MountsChanged || container.EnvChanged)
            {
                return true;
            }
        }

        return false;
    }
}
