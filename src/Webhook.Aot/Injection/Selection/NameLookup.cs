using Webhook.Injection.Pods;

namespace Webhook.Injection.Selection;

/// <summary>
/// Finds containers by name and tells a name's first occurrence in a container-names list, in time linear in both
/// lists: short lists (the usual pod, at most <see cref="ScanLimit"/> items) are scanned, which allocates nothing;
/// long ones go through a set built once, so 150,000 names cost one pass instead of 150,000.
/// </summary>
internal readonly struct NameLookup
{
    /// <summary>Scanning up to 16 items per lookup keeps the work linear (at most 16 times the list) without a set.</summary>
    public const int ScanLimit = 16;

    private readonly PodView _pod;
    private readonly HashSet<string>? _seen;
    private readonly Dictionary<string, ContainerView>? _containers;

    /// <summary>Scans for a list of <paramref name="names"/> up to <see cref="ScanLimit"/>; the context's reused sets for a longer one.</summary>
    public NameLookup(InjectionContext context, int names)
    {
        var pod = context.Pod;
        _pod = pod;
        if (names <= ScanLimit)
        {
            return;
        }

        _seen = context.EmptyNameSet();
        if (pod.Containers.Count + pod.InitContainers.Count > ScanLimit)
        {
            // Regular containers first, then init containers, the first of a name kept: as PodView.FindContainer resolves.
            _containers = context.EmptyContainerMap();
            foreach (var container in pod.Containers)
            {
                _containers.TryAdd(container.Name, container);
            }

            foreach (var container in pod.InitContainers)
            {
                _containers.TryAdd(container.Name, container);
            }
        }
    }

    /// <summary>Whether <c>names[index]</c> appears there for the first time; call it for each index in order.</summary>
    public bool IsFirst(List<string> names, int index) => _seen is null ? names.IndexOf(names[index]) == index : _seen.Add(names[index]);

    /// <summary>The container of that name, a regular one before an init container.</summary>
    public ContainerView? Find(string name) => _containers is null ? _pod.FindContainer(name) : _containers.GetValueOrDefault(name);
}
