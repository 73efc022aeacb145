namespace Webhook.Memory;

/// <summary>
/// Byte arrays too large for a workspace to keep (the patch and fragments of a pod of thousands of containers, on the
/// large object heap), held weakly once their buffer lets go of them, for the next buffer of any workspace that needs
/// one. Memory stays what dropping them would leave: the next full collection (and the trim after large reviews, which
/// is one) frees whatever is not taken. While they live, the next large pod, even in a workspace built for it, writes
/// into one instead of allocating another large array, and large arrays allocated are what starts full collections.
/// At most <see cref="Slots"/> arrays; thread-safe. Typical pods never come here (their buffers stay within what a
/// workspace keeps).
/// </summary>
public static class LargeArraySpares
{
    /// <summary>Four: the patch and fragments of the two large pods worked on at once.</summary>
    public const int Slots = 4;

    private static readonly Lock s_lock = new();
    private static readonly WeakReference<byte[]?>[] s_spares = CreateSlots();

    /// <summary>Holds <paramref name="array"/> weakly for a later <see cref="Take"/>; when every slot holds a live array, replaces the smallest one if this one is larger.</summary>
    public static void Offer(byte[] array)
    {
        lock (s_lock)
        {
            var smallest = -1;
            var smallestLength = long.MaxValue;
            for (var i = 0; i < s_spares.Length; i++)
            {
                if (!s_spares[i].TryGetTarget(out var held))
                {
                    s_spares[i].SetTarget(array);
                    return;
                }

                if (ReferenceEquals(held, array))
                {
                    return;
                }

                if (held.Length < smallestLength)
                {
                    smallest = i;
                    smallestLength = held.Length;
                }
            }

            if (array.Length > smallestLength)
            {
                s_spares[smallest].SetTarget(array);
            }
        }
    }

    /// <summary>The smallest held array of at least <paramref name="length"/> bytes, now the caller's alone; null when none is.</summary>
    public static byte[]? Take(long length)
    {
        lock (s_lock)
        {
            var best = -1;
            byte[]? found = null;
            for (var i = 0; i < s_spares.Length; i++)
            {
                if (s_spares[i].TryGetTarget(out var held) && held.Length >= length && (found is null || held.Length < found.Length))
                {
                    best = i;
                    found = held;
                }
            }

            if (found is not null)
            {
                s_spares[best].SetTarget(null);
            }

            return found;
        }
    }

    /// <summary>Forgets every held array (for tests that count what is allocated from cold).</summary>
    public static void Clear()
    {
        lock (s_lock)
        {
            foreach (var spare in s_spares)
            {
                spare.SetTarget(null);
            }
        }
    }

    private static WeakReference<byte[]?>[] CreateSlots()
    {
        var slots = new WeakReference<byte[]?>[Slots];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new WeakReference<byte[]?>(null);
        }

        return slots;
    }
}
