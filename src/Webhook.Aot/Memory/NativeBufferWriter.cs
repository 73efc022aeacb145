using System.Buffers;

namespace Webhook.Memory;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over a <see cref="NativeBuffer"/>: what is written lives outside the GC heap and
/// goes back to the system on <see cref="Dispose"/>; growing remaps the pages instead of copying into a larger array.
/// One owner: not thread-safe.
/// </summary>
public sealed class NativeBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly NativeBuffer _buffer;
    private int _written;

    private NativeBufferWriter(NativeBuffer buffer) => _buffer = buffer;

    public int WrittenCount => _written;

    /// <summary>The bytes written; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.Memory[.._written];

    /// <summary>A writer with room for <paramref name="capacity"/> bytes to start with; null when the system has no memory for it.</summary>
    public static NativeBufferWriter? TryCreate(int capacity) => NativeBuffer.TryAllocate(capacity) is { } buffer ? new NativeBufferWriter(buffer) : null;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Capacity - _written)
        {
            throw new InvalidOperationException("advanced past the end of the buffer");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.Memory[_written..];
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.GetSpan()[_written..];
    }

    public void Dispose() => ((IDisposable)_buffer).Dispose();

    private void Reserve(int sizeHint)
    {
        var needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Capacity)
        {
            return;
        }

        var capacity = Math.Min(Math.Max(needed, _buffer.Capacity * 2L), Array.MaxLength);
        if (needed > capacity || !_buffer.TryGrow((int)capacity))
        {
            throw new OutOfMemoryException("a buffer of " + needed + " bytes outside the GC heap was asked for");
        }
    }
}
