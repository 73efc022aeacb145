using System.Runtime.CompilerServices;

namespace Webhook.Injection;

/// <summary>
/// Lists a workspace keeps from pod to pod: cleared, keeping their storage for the next pod, unless an unusually large
/// pod grew it past <see cref="KeptBytes"/>: then it starts small again. Every thread that serves admissions keeps a
/// workspace, so what one keeps is multiplied by the threads: kept storage stays small and off the large object heap
/// (85,000 bytes and more), which the GC collects only in full collections. A burst workspace
/// (<see cref="InjectionWorkspace"/>: one that serves the large pods of a burst and is dropped once it is over) keeps
/// everything while it works: the thread marks it with <see cref="KeepAll"/>.
/// </summary>
public static class ReusedList
{
    /// <summary>64 KiB of storage per list or set (8,192 references): far more than a usual pod has of anything.</summary>
    public const int KeptBytes = 64 * 1024;

    /// <summary>How many spare container views a thread's workspace keeps for the next pod (a usual pod has a few).</summary>
    public const int KeptContainerViewsWhenSteady = 512;

    [ThreadStatic]
    private static bool t_keepsAll;

    /// <summary>How many spare container views a pod view keeps for the next pod: <see cref="KeptContainerViewsWhenSteady"/>, all of them in a burst workspace.</summary>
    public static int KeptContainerViews => t_keepsAll ? int.MaxValue : KeptContainerViewsWhenSteady;

    /// <summary>Whether storage of <paramref name="bytes"/> is kept for the next pod: up to <see cref="KeptBytes"/>, any amount in a burst workspace.</summary>
    public static bool Keeps(long bytes) => bytes <= KeptBytes || t_keepsAll;

    /// <summary>Whether <paramref name="array"/> is kept for the next pod (<see cref="Keeps(long)"/>).</summary>
    public static bool Keeps<T>(T[] array) => Keeps((long)array.Length * Unsafe.SizeOf<T>());

    /// <summary>
    /// From here on this thread works in a burst workspace (<paramref name="keep"/> true) or a bounded one; the
    /// previous setting is returned for the workspace to put back when it is done.
    /// </summary>
    public static bool KeepAll(bool keep)
    {
        var previous = t_keepsAll;
        t_keepsAll = keep;
        return previous;
    }

    public static void Clear<T>(List<T> list)
    {
        list.Clear();
        if (!Keeps((long)list.Capacity * Unsafe.SizeOf<T>()))
        {
            list.Capacity = 0;
        }
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

    /// <summary>Whether a hash table of <paramref name="capacity"/> entries (the item, its hash and next index, a bucket) takes more than what is kept.</summary>
    private static bool TooLarge<T>(int capacity) => !Keeps((long)capacity * (Unsafe.SizeOf<T>() + 12));
}
