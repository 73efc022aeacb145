using Webhook.Injection.Pods;

namespace Webhook.Injection.Selection;

/// <summary>
/// Finds containers by name and tells a name's first occurrence in a container-names list, in time linear in both
/// lists: short lists (the usual pod, at most <see cref="ScanLimit"/> items) are scanned, which allocates nothing;
/// long ones go through the context's tables (<see cref="NameTable"/>), filled once, so 150,000 names cost one pass
/// instead of 150,000. Names are compared as slices of the annotation, never made into strings.
/// </summary>
internal ref struct NameLookup
{
    /// <summary>Scanning up to 16 items per lookup keeps the work linear (at most 16 times the list) without a table.</summary>
    public const int ScanLimit = 16;

    private readonly PodView _pod;
    private readonly ContainerNameList _names;
    private readonly NameTable? _seen;
    private readonly NameTable? _containers;
    private bool _emptySeen;

    /// <summary>Scans for a list of <paramref name="names"/> up to <see cref="ScanLimit"/>; the context's reused tables for a longer one.</summary>
    public NameLookup(InjectionContext context, ContainerNameList names)
    {
        var pod = context.Pod;
        _pod = pod;
        _names = names;
        if (names.Count <= ScanLimit)
        {
            return;
        }

        if (!names.NonEmptyNamesDistinct)
        {
            _seen = context.EmptyNameSet();
            _seen.Reset(names.Count);
        }

        var containers = pod.Containers.Count + pod.InitContainers.Count;
        if (containers > ScanLimit)
        {
            // Regular containers first, then init containers, the first of a name kept: as PodView.FindContainer resolves.
            _containers = context.ContainerTable();
            _containers.Reset(containers);
            var keys = new PodContainers(pod);
            for (var i = 0; i < containers; i++)
            {
                _containers.TryAdd(keys, keys.NameOf(i), i);
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> appears there for the first time; call it for each name in order.</summary>
    public bool IsFirst(ContainerNameList.Name name)
    {
        if (_seen is not null)
        {
            return _seen.TryAdd(_names, name.Text, name.Position);
        }

        if (_names.Count > ScanLimit)
        {
            // The duplicate check saw every non-empty name once; only the empty name may come again.
            var first = name.Text.Length > 0 || !_emptySeen;
            _emptySeen |= name.Text.Length == 0;
            return first;
        }

        foreach (var earlier in _names)
        {
            if (earlier.Position == name.Position)
            {
                return true;
            }

            if (earlier.Text.SequenceEqual(name.Text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The container of that name, a regular one before an init container.</summary>
    public readonly ContainerView? Find(ReadOnlySpan<char> name)
    {
        if (_containers is not null)
        {
            var keys = new PodContainers(_pod);
            return _containers.Find(keys, name) is var index and >= 0 ? keys.At(index) : null;
        }

        return Scan(_pod.Containers, name) ?? Scan(_pod.InitContainers, name);
    }

    private static ContainerView? Scan(List<ContainerView> containers, ReadOnlySpan<char> name)
    {
        foreach (var container in containers)
        {
            if (name.SequenceEqual(container.Name))
            {
                return container;
            }
        }

        return null;
    }

    /// <summary>The pod's containers by index, regular ones first, then init containers.</summary>
    private readonly ref struct PodContainers(PodView pod) : INames
    {
        public ContainerView At(int index)
            => index < pod.Containers.Count ? pod.Containers[index] : pod.InitContainers[index - pod.Containers.Count];

        public ReadOnlySpan<char> NameOf(int value) => At(value).Name;
    }
}
