using System.Buffers;
using System.Runtime.InteropServices;

namespace Webhook.Memory;

/// <summary>
/// Bytes outside the GC heap, given back to the system the moment the buffer is disposed: a large request body costs
/// exactly its capacity for exactly as long as its request, whatever the GC's budgets are and whatever still holds a
/// slice of it. On Linux the bytes are pages mapped for this buffer alone (<c>mmap</c>, grown with <c>mremap</c>
/// without copying, unmapped on dispose), so the allocator keeps none of them; elsewhere they come from
/// <see cref="NativeMemory"/>. A slice used after dispose throws <see cref="ObjectDisposedException"/>, never reads
/// freed memory. One owner: not thread-safe.
/// </summary>
public sealed unsafe partial class NativeBuffer : MemoryManager<byte>
{
    private byte* _pointer;

    private NativeBuffer(byte* pointer, int capacity)
    {
        _pointer = pointer;
        Capacity = capacity;
    }

    public int Capacity { get; private set; }

    /// <summary>A buffer of <paramref name="capacity"/> bytes; null when the system has no memory for it.</summary>
    public static NativeBuffer? TryAllocate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var pointer = OperatingSystem.IsLinux() ? Map(capacity) : (byte*)NativeMemory.Alloc((nuint)capacity);
        return pointer is null ? null : new NativeBuffer(pointer, capacity);
    }

    /// <summary>Grows to <paramref name="capacity"/> bytes, keeping the contents; false (nothing changed) when the system has no memory for it.</summary>
    public bool TryGrow(int capacity)
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        if (capacity <= Capacity)
        {
            return true;
        }

        var grown = OperatingSystem.IsLinux() ? Remap(_pointer, Capacity, capacity) : (byte*)NativeMemory.Realloc(_pointer, (nuint)capacity);
        if (grown is null)
        {
            return false;
        }

        _pointer = grown;
        Capacity = capacity;
        return true;
    }

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        return new Span<byte>(_pointer, Capacity);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)Capacity, nameof(elementIndex));
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        var pointer = _pointer;
        if (pointer is null)
        {
            return;
        }

        _pointer = null;
        if (OperatingSystem.IsLinux())
        {
            _ = Unmap(pointer, (nuint)Capacity);
        }
        else
        {
            NativeMemory.Free(pointer);
        }

        Capacity = 0;
    }

    private const int ProtectReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymous = 0x02 | 0x20;
    private const int RemapMayMove = 0x1;
    private static readonly byte* MapFailed = (byte*)-1;

    private static byte* Map(int capacity)
    {
        var pointer = MapPages(null, (nuint)capacity, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
        return pointer == MapFailed ? null : pointer;
    }

    private static byte* Remap(byte* pointer, int capacity, int newCapacity)
    {
        var grown = RemapPages(pointer, (nuint)capacity, (nuint)newCapacity, RemapMayMove);
        return grown == MapFailed ? null : grown;
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial byte* MapPages(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mremap")]
    private static partial byte* RemapPages(void* address, nuint length, nuint newLength, int flags);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Unmap(void* address, nuint length);
}
