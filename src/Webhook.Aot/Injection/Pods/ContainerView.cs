namespace Webhook.Injection.Pods;

/// <summary>The few fields of one container (regular or init) the mutator reads; raw JSON kept for copying.</summary>
public sealed class ContainerView
{
    public required int Index { get; init; }

    public required bool IsInit { get; init; }

    public string Name { get; set; } = "";

    public string Image { get; set; } = "";

    public string? ImagePullPolicy { get; set; }

    /// <summary>Whether the container has an <c>env</c> array at all (decides "add" versus "replace").</summary>
    public bool HasEnv { get; set; }

    public List<EnvEntry> Env { get; } = new();

    public bool HasVolumeMounts { get; set; }

    public List<VolumeMountView> VolumeMounts { get; } = new();

    /// <summary>The container's <c>securityContext</c>, as written; empty when absent.</summary>
    public ReadOnlyMemory<byte> SecurityContext { get; set; }

    /// <summary>The container's <c>envFrom</c>, as written; empty when absent.</summary>
    public ReadOnlyMemory<byte> EnvFrom { get; set; }

    /// <summary>JSON Patch path of this container: <c>/spec/containers/0</c>.</summary>
    public string Path => (IsInit ? "/spec/initContainers/" : "/spec/containers/") + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public EnvEntry? FindEnv(string name)
    {
        foreach (var entry in Env)
        {
            if (entry.Name == name)
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>One volume mount of a container: what the mutator compares, and the raw JSON to copy.</summary>
public sealed record VolumeMountView(string Name, string MountPath, ReadOnlyMemory<byte> Raw);
