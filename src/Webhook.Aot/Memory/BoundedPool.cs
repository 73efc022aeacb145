using System.Buffers;

namespace Webhook.Memory;

/// <summary>
/// <see cref="ArrayPool{T}.Shared"/> for arrays up to <see cref="MaxPooledBytes"/>; larger ones are allocated for one
/// use and left to the GC. The shared pool keeps what it is given, up to a gigabyte per array, on every thread and
/// core: one hostile 7 MiB review would otherwise stay in memory for good.
/// </summary>
public static class BoundedPool<T>
{
    /// <summary>A typical pod review is about 5 KB; 64 KiB covers every usual body and text.</summary>
    public const int MaxPooledBytes = 64 * 1024;

    public static readonly int MaxPooledLength = MaxPooledBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <summary>At least <paramref name="length"/> elements: from the pool when small enough, else a new array.</summary>
    public static T[] Rent(int length)
        => length <= MaxPooledLength ? ArrayPool<T>.Shared.Rent(length) : GC.AllocateUninitializedArray<T>(length);

    /// <summary>Gives a small array back to the pool; a large one is dropped.</summary>
    public static void Return(T[] array)
    {
        if (array.Length > 0 && array.Length <= MaxPooledLength)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
