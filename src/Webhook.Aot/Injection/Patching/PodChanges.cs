using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>One init container of the final list: one the pod had, or one injection adds (its JSON).</summary>
public sealed record InitContainerSlot(string Name, ContainerView? Existing, byte[]? Json);

/// <summary>
/// Everything injection changes in one pod, recorded against the <see cref="PodView"/> so the patch touches
/// only those paths. Containers' env and mount lists are edited in place on their views.
/// </summary>
public sealed class PodChanges
{
    private readonly Dictionary<ContainerView, EnvEntry[]> _originalEnv = new();
    private readonly HashSet<ContainerView> _mountsChanged = new();

    public PodChanges(PodView pod)
    {
        Pod = pod;
        foreach (var container in pod.Containers)
        {
            _originalEnv[container] = container.Env.ToArray();
        }

        foreach (var container in pod.InitContainers)
        {
            InitContainers.Add(new InitContainerSlot(container.Name, container, null));
            _originalEnv[container] = container.Env.ToArray();
        }
    }

    public PodView Pod { get; }

    public List<InitContainerSlot> InitContainers { get; } = new();

    public List<(string Name, byte[] Json)> NewVolumes { get; } = new();

    public List<(string Name, byte[] Json)> NewContainers { get; } = new();

    public bool SetShareProcessNamespace { get; set; }

    /// <summary>The pod's containers whose env differs from what the pod came with (entries added, moved or changed).</summary>
    public IEnumerable<ContainerView> EnvChanged
    {
        get
        {
            foreach (var (container, original) in _originalEnv)
            {
                if (EnvDiffers(container.Env, original))
                {
                    yield return container;
                }
            }
        }
    }

    public IReadOnlyCollection<ContainerView> MountsChanged => _mountsChanged;

    public bool IsEmpty => !EnvChanged.Any() && _mountsChanged.Count == 0 && NewVolumes.Count == 0 && NewContainers.Count == 0
        && !SetShareProcessNamespace && InitContainers.TrueForAll(slot => slot.Json is null);

    public bool HasVolume(string name) => Pod.VolumeNames.Contains(name) || NewVolumes.Exists(v => v.Name == name);

    public void AddVolume(string name, byte[] json)
    {
        if (!HasVolume(name))
        {
            NewVolumes.Add((name, json));
        }
    }

    /// <summary>Adds a mount unless the container has one of that name already (a duplicate makes the pod invalid).</summary>
    public void AddMount(ContainerView container, string name, string mountPath, bool readOnly = false)
    {
        if (container.VolumeMounts.Exists(m => m.Name == name))
        {
            return;
        }

        container.VolumeMounts.Add(new VolumeMountView(name, mountPath, JsonFragments.Mount(name, mountPath, readOnly)));
        TrackMounts(container);
    }

    public void RemoveMount(ContainerView container, VolumeMountView mount)
    {
        container.VolumeMounts.Remove(mount);
        TrackMounts(container);
    }

    public bool HasInitContainer(string name) => InitContainers.Exists(slot => slot.Name == name);

    /// <summary>Inserts an init container before <paramref name="before"/> (an init container of the pod), or appends it.</summary>
    public void AddInitContainer(string name, byte[] json, ContainerView? before)
    {
        var index = before is null ? -1 : InitContainers.FindIndex(slot => slot.Existing == before);
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
    public void AddInitContainerAfter(string previous, string name, byte[] json)
    {
        var index = InitContainers.FindLastIndex(slot => slot.Name == previous);
        InitContainers.Insert(index + 1, new InitContainerSlot(name, null, json));
    }

    public void ReplaceInitContainer(string name, byte[] json)
    {
        var index = InitContainers.FindIndex(slot => slot.Name == name && slot.Existing is null);
        if (index >= 0)
        {
            InitContainers[index] = new InitContainerSlot(name, null, json);
        }
    }

    /// <summary>A container injection adds (the Go sidecar) carries its mounts in its own JSON, not as a separate patch operation.</summary>
    private void TrackMounts(ContainerView container)
    {
        if (_originalEnv.ContainsKey(container))
        {
            _mountsChanged.Add(container);
        }
    }

    private static bool EnvDiffers(List<EnvEntry> current, EnvEntry[] original)
    {
        if (current.Count != original.Length)
        {
            return true;
        }

        for (var i = 0; i < original.Length; i++)
        {
            if (!ReferenceEquals(current[i], original[i]) || current[i].IsModified)
            {
                return true;
            }
        }

        return false;
    }
}
