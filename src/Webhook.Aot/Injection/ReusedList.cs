using System.Runtime.CompilerServices;

namespace Webhook.Injection;

/// <summary>
/// Lists a workspace keeps from pod to pod: cleared, keeping their storage for the next pod, unless an unusually large
/// pod grew it past <see cref="KeptBytes"/>: then it starts small again. Every thread that serves admissions keeps a
/// workspace, so what one keeps is multiplied by the threads: kept storage stays small and off the large object heap
/// (85,000 bytes and more), which the GC collects only in full collections.
/// </summary>
public static class ReusedList
{
    /// <summary>64 KiB of storage per list or set (8,192 references): far more than a usual pod has of anything.</summary>
    public const int KeptBytes = 64 * 1024;

    /// <summary>How many container views a pod view keeps for the next pod (a usual pod has a few).</summary>
    public const int KeptContainerViews = 512;

    public static void Clear<T>(List<T> list)
    {
        list.Clear();
        if ((long)list.Capacity * Unsafe.SizeOf<T>() > KeptBytes)
        {
            list.Capacity = 0;
        }
    }

    /// <summary>The set, cleared; a new one when an unusually large pod grew it past <see cref="KeptBytes"/>.</summary>
    public static HashSet<T> Clear<T>(ref HashSet<T> set)
    {
        if (TooLarge<T>(set.EnsureCapacity(0)))
        {
            set = new HashSet<T>(set.Comparer);
        }
        else
        {
            set.Clear();
        }

        return set;
    }

    /// <summary>The dictionary, cleared; a new one when an unusually large pod grew it past <see cref="KeptBytes"/>.</summary>
    public static Dictionary<TKey, TValue> Clear<TKey, TValue>(ref Dictionary<TKey, TValue> map)
        where TKey : notnull
    {
        if (TooLarge<KeyValuePair<TKey, TValue>>(map.EnsureCapacity(0)))
        {
            map = new Dictionary<TKey, TValue>(map.Comparer);
        }
        else
        {
            map.Clear();
        }

        return map;
    }

    /// <summary>The dictionary, cleared, its storage trimmed when an unusually large pod grew it past <see cref="KeptBytes"/>.</summary>
    public static void Clear<TKey, TValue>(Dictionary<TKey, TValue> map)
        where TKey : notnull
    {
        map.Clear();
        if (TooLarge<KeyValuePair<TKey, TValue>>(map.EnsureCapacity(0)))
        {
            map.TrimExcess();
        }
    }

    /// <summary>Whether a hash table of <paramref name="capacity"/> entries (the item, its hash and next index, a bucket) takes more than <see cref="KeptBytes"/>.</summary>
    private static bool TooLarge<T>(int capacity) => (long)capacity * (Unsafe.SizeOf<T>() + 12) > KeptBytes;
}
