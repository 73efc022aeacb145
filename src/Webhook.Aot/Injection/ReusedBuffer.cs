using System.Buffers;
using Webhook.Memory;

namespace Webhook.Injection;

/// <summary>
/// A byte buffer a workspace writes each pod's output into (the patch, the fragments), reused from pod to pod. Its
/// array is kept up to <see cref="KeptCapacity"/>, and whole in a burst workspace (<see cref="ReusedList.Keeps(long)"/>).
/// Otherwise a pod that needs more gets a larger array, which the next <see cref="Clear"/> (or <see cref="LetGo"/>)
/// holds only weakly, with the large arrays other buffers let go of (<see cref="LargeArraySpares"/>): memory stays
/// what dropping it would leave (any full collection frees it), but while it lives the next large pod, in this
/// workspace or a new one, writes into it instead of allocating, zeroing and copying megabytes again (a
/// 5,000-container pod's 6 MB patch grew from 8 KiB through eleven arrays, 16 MB, on every pod).
/// </summary>
public sealed class ReusedBuffer : IBufferWriter<byte>
{
    /// <summary>
    /// 64 KiB (<see cref="ReusedList.KeptBytes"/>): far more than a usual pod's patch or fragments (a few KiB), and
    /// little enough that every thread keeping one stays cheap; what a larger pod grew is the weakly held spare.
    /// </summary>
    public const int KeptCapacity = ReusedList.KeptBytes;

    private byte[] _kept;
    private byte[] _array;
    private int _written;

    public ReusedBuffer(int initialCapacity = 8 * 1024) => _kept = _array = new byte[initialCapacity];

    public int WrittenCount => _written;

    /// <summary>The bytes written since <see cref="Clear"/>; valid until the buffer is cleared.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    /// <summary>Empties the buffer for the next pod: back to the kept array, a larger one held weakly as a spare (outside a burst workspace).</summary>
    public void Clear()
    {
        if (!ReusedList.Keeps(_array))
        {
            LetGo();
        }

        _written = 0;
    }

    /// <summary>
    /// Empties the buffer and holds a larger array than the kept one only weakly, as a spare, whatever the workspace
    /// keeps: its workspace is being dropped, and what it wrote must no longer be used.
    /// </summary>
    public void LetGo()
    {
        if (!ReferenceEquals(_array, _kept))
        {
            LargeArraySpares.Offer(_array);
            _array = _kept;
        }

        _written = 0;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _array.Length - _written)
        {
            throw new InvalidOperationException("advanced past the end of the buffer");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <summary>
    /// Makes room for <paramref name="bytes"/> in all, in one array of that size when the buffer has less (the spare
    /// when it is large enough): an output whose size is known about beforehand is written without doubling from small.
    /// </summary>
    public void EnsureCapacity(long bytes)
    {
        if (bytes > _array.Length && bytes <= Array.MaxLength)
        {
            Grow(bytes, bytes);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new OutOfMemoryException("a buffer of " + needed + " bytes was asked for");
        }

        Grow(needed, (int)Math.Clamp(_array.Length * 2L, needed, Array.MaxLength));
    }

    /// <summary>Moves what is written to an array of <paramref name="size"/> bytes, or to the spare when it holds <paramref name="needed"/>.</summary>
    private void Grow(long needed, long size)
    {
        byte[] larger;
        if (size <= KeptCapacity)
        {
            larger = _kept = new byte[(int)size];
        }
        else
        {
            larger = LargeArraySpares.Take(needed) ?? GC.AllocateUninitializedArray<byte>((int)size);
        }

        _array.AsSpan(0, _written).CopyTo(larger);
        _array = larger;
    }
}
