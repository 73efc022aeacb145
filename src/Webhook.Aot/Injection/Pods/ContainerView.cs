namespace Webhook.Injection.Pods;

/// <summary>The few fields of one container (regular or init) the mutator reads; raw JSON kept for copying.</summary>
public sealed class ContainerView
{
    public int Index { get; set; }

    public bool IsInit { get; set; }

    public string Name { get; set; } = "";

    public string Image { get; set; } = "";

    public string? ImagePullPolicy { get; set; }

    /// <summary>Whether the container has an <c>env</c> array at all (decides "add" versus "replace").</summary>
    public bool HasEnv { get; set; }

    public List<EnvEntry> Env { get; } = new();

    public bool HasVolumeMounts { get; set; }

    public List<VolumeMountView> VolumeMounts { get; } = new();

    /// <summary>True once injection added or removed a mount of this (pod's own) container.</summary>
    public bool MountsChanged { get; set; }

    /// <summary>The container's <c>securityContext</c>, as written; empty when absent.</summary>
    public ReadOnlyMemory<byte> SecurityContext { get; set; }

    /// <summary>The container's <c>envFrom</c>, as written; empty when absent.</summary>
    public ReadOnlyMemory<byte> EnvFrom { get; set; }

    /// <summary>How many env entries the pod wrote; entries injection adds come on top.</summary>
    public int OriginalEnvCount { get; set; }

    /// <summary>Whether the env list is no longer the pod's own: an entry added, moved, replaced or changed.</summary>
    public bool EnvChanged
    {
        get
        {
            if (Env.Count != OriginalEnvCount)
            {
                return true;
            }

            for (var i = 0; i < Env.Count; i++)
            {
                if (Env[i].Origin != i || Env[i].IsModified)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>JSON Patch path of this container's <paramref name="field"/>: <c>/spec/containers/0/env</c>, in UTF-8.</summary>
    public int WritePath(Span<byte> destination, ReadOnlySpan<byte> field)
    {
        var prefix = IsInit ? "/spec/initContainers/"u8 : "/spec/containers/"u8;
        prefix.CopyTo(destination);
        System.Buffers.Text.Utf8Formatter.TryFormat(Index, destination[prefix.Length..], out var digits);
        var length = prefix.Length + digits;
        destination[length++] = (byte)'/';
        field.CopyTo(destination[length..]);
        return length + field.Length;
    }

    /// <summary>
    /// Most entries a list is sized for ahead of reading it (<see cref="SizeListsLike"/>): far more than a usual
    /// container has, and little enough (7 KB of env entries) that a container of thousands of entries followed by one of
    /// none makes room for little the next one does not use.
    /// </summary>
    public const int MostEntriesSizedAhead = 128;

    /// <summary>
    /// Makes room in this view's lists for as many entries as <paramref name="previous"/>, the container read before it,
    /// holds (up to <see cref="MostEntriesSizedAhead"/>): a pod's containers are often alike, and a list grown from
    /// empty by doubling allocates about twice what it keeps (a new view of a container with 20 env entries went through
    /// arrays of 4, 8, 16 and 32 entries). Each view is sized by the one before it, so a pod's views together make room
    /// for no more than its own lists hold; a view that already has the room (reused from an earlier pod) allocates nothing.
    /// </summary>
    public void SizeListsLike(ContainerView previous)
    {
        Env.EnsureCapacity(Math.Min(previous.Env.Count, MostEntriesSizedAhead));
        VolumeMounts.EnsureCapacity(Math.Min(previous.VolumeMounts.Count, MostEntriesSizedAhead));
    }

    /// <summary>Back to an empty container, keeping the lists' storage for the next pod.</summary>
    public void Clear()
    {
        Index = 0;
        IsInit = false;
        Name = "";
        Image = "";
        ImagePullPolicy = null;
        HasEnv = false;
        ReusedList.Clear(Env);
        HasVolumeMounts = false;
        ReusedList.Clear(VolumeMounts);
        MountsChanged = false;
        SecurityContext = default;
        EnvFrom = default;
        OriginalEnvCount = 0;
    }
}

/// <summary>
/// One volume mount of a container: what the mutator compares, and the raw JSON to copy; a mount injection adds
/// has no raw JSON and is written from its fields.
/// </summary>
public readonly record struct VolumeMountView(string Name, string MountPath, ReadOnlyMemory<byte> Raw, bool ReadOnly = false)
{
    public static VolumeMountView Added(string name, string mountPath, bool readOnly = false) => new(name, mountPath, default, readOnly);
}
