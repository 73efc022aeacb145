namespace Webhook.Memory;

/// <summary>Gives the memory a burst of large inputs left behind back to the system, once the burst is over.</summary>
public static class MemoryTrim
{
    /// <summary>
    /// A full, compacting collection that also gives the GC's free memory back to the system
    /// (<see cref="GCCollectionMode.Aggressive"/>): what the burst made is garbage by now, and without this the GC
    /// keeps the space it took until a later collection, which an idle webhook may not need for hours. One blocking
    /// collection of a heap that is mostly garbage, at most once per quiet period after a burst: never on a typical
    /// admission.
    /// </summary>
    public static void GiveBack() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
