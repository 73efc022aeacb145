namespace Webhook.Injection;

/// <summary>
/// Lists a workspace keeps from pod to pod: cleared, keeping their storage for the next pod, unless an unusually large
/// pod grew them: then they start small again, so a thread that once served a pod of 150,000 container names does not
/// hold their storage for every later pod.
/// </summary>
public static class ReusedList
{
    /// <summary>65,536 items (512 KiB of references): far more than a usual pod has of anything.</summary>
    public const int KeptCapacity = 1 << 16;

    public static void Clear<T>(List<T> list)
    {
        list.Clear();
        if (list.Capacity > KeptCapacity)
        {
            list.Capacity = 0;
        }
    }

    /// <summary>The set, cleared; a new one when an unusually large pod grew it past <see cref="KeptCapacity"/>.</summary>
    public static HashSet<T> Clear<T>(ref HashSet<T> set)
    {
        if (set.EnsureCapacity(0) > KeptCapacity)
        {
            set = new HashSet<T>(set.Comparer);
        }
        else
        {
            set.Clear();
        }

        return set;
    }

    /// <summary>The dictionary, cleared; a new one when an unusually large pod grew it past <see cref="KeptCapacity"/>.</summary>
    public static Dictionary<TKey, TValue> Clear<TKey, TValue>(ref Dictionary<TKey, TValue> map)
        where TKey : notnull
    {
        if (map.EnsureCapacity(0) > KeptCapacity)
        {
            map = new Dictionary<TKey, TValue>(map.Comparer);
        }
        else
        {
            map.Clear();
        }

        return map;
    }
}
