using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Sdk;

/// <summary>
/// A few <see cref="RememberedAttributes"/>, replaced in turn: a pod whose injected containers each get their own
/// attributes (two languages, or two named containers) finds every container's entry from the workload's pod before,
/// where one remembered entry would be overwritten by each container in turn and never match. Reused from pod to pod.
/// </summary>
public sealed class RememberedAttributeSlots
{
    /// <summary>As many injected containers as a pod usually has, and a few more.</summary>
    public const int Count = 4;

    private readonly RememberedAttributes[] _slots = [new(), new(), new(), new()];
    private int _next;

    /// <summary>The entry one of the slots remembers for exactly <paramref name="attributes"/>' entries, copied into <paramref name="fragments"/>.</summary>
    public bool TryCopy(AttributeMap attributes, FragmentBuffer fragments, out EnvEntry entry)
    {
        foreach (var slot in _slots)
        {
            if (slot.TryCopy(attributes, fragments, out entry))
            {
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>The slot to remember the next entry in: the one written longest ago.</summary>
    public RememberedAttributes Next()
    {
        var slot = _slots[_next];
        _next = (_next + 1) % _slots.Length;
        return slot;
    }
}
