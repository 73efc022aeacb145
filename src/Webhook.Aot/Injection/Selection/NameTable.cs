using System.Numerics;

namespace Webhook.Injection.Selection;

/// <summary>What a <see cref="NameTable"/> stores: a value (an int of the caller's) and how to read its name back.</summary>
public interface INames
{
    ReadOnlySpan<char> NameOf(int value);
}

/// <summary>
/// A hash table of names compared as spans, storing an int per name (a position in a <see cref="ContainerNameList"/>,
/// a container's index) and reading the name back from where it is: no string per name, and one int array as the
/// whole storage, reused from pod to pod up to <see cref="ReusedList.KeptBytes"/> (<see cref="ReusedList.Keeps"/>).
/// Open addressing, linear probing, at most half full; each slot holds the name's hash beside its value, so a probe
/// reads the name back only when the hashes match (not once per occupied slot: a cache miss into the annotation each).
/// Names hash with the runtime's randomized string hash, so a pod author cannot choose names that collide.
/// </summary>
public sealed class NameTable
{
    /// <summary>Two ints per slot: the hash, then the value plus one (zero: empty).</summary>
    private int[] _slots = [];
    private int _mask;

    /// <summary>Empties the table for up to <paramref name="count"/> names.</summary>
    public void Reset(int count)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2));
        if (_slots.Length < size * 2 || !ReusedList.Keeps(_slots))
        {
            _slots = new int[size * 2];
        }
        else
        {
            Array.Clear(_slots, 0, size * 2);
        }

        _mask = size - 1;
    }

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> unless the name is there; false when it was.</summary>
    public bool TryAdd<TNames>(in TNames names, ReadOnlySpan<char> name, int value)
        where TNames : INames, allows ref struct
    {
        var hash = string.GetHashCode(name);
        var slot = Probe(names, name, hash);
        if (_slots[slot + 1] != 0)
        {
            return false;
        }

        _slots[slot] = hash;
        _slots[slot + 1] = value + 1;
        return true;
    }

    /// <summary>The value stored under <paramref name="name"/>, or -1.</summary>
    public int Find<TNames>(in TNames names, ReadOnlySpan<char> name)
        where TNames : INames, allows ref struct
        => _slots[Probe(names, name, string.GetHashCode(name)) + 1] - 1;

    /// <summary>The index of the slot holding <paramref name="name"/>, or of the empty one where it would go.</summary>
    private int Probe<TNames>(in TNames names, ReadOnlySpan<char> name, int hash)
        where TNames : INames, allows ref struct
    {
        var slot = hash & _mask;
        while (_slots[(slot * 2) + 1] is var stored && stored != 0 && !(_slots[slot * 2] == hash && names.NameOf(stored - 1).SequenceEqual(name)))
        {
            slot = (slot + 1) & _mask;
        }

        return slot * 2;
    }
}
