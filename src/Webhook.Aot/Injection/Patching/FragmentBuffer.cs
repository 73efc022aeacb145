using System.Text.Json;

namespace Webhook.Injection.Patching;

/// <summary>
/// Where the JSON of objects injection adds (init containers, volumes, copied env entries) is written, one after
/// the other in one growing buffer that is reused from pod to pod; each fragment is a slice of it. One fragment at
/// a time: <see cref="Start"/>, write, <see cref="End"/>.
/// </summary>
public sealed class FragmentBuffer
{
    private readonly Utf8JsonWriter _writer;
    private readonly ReusedBuffer _buffer = new();
    private int _start = -1;

    public FragmentBuffer() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>How many bytes the fragments written since <see cref="Clear"/> take.</summary>
    public int WrittenCount => _buffer.WrittenCount;

    public Utf8JsonWriter Start()
    {
        if (_start >= 0)
        {
            throw new InvalidOperationException("a fragment is already being written; end it first");
        }

        _start = _buffer.WrittenCount;
        _writer.Reset(_buffer);
        return _writer;
    }

    public ReadOnlyMemory<byte> End()
    {
        _writer.Flush();
        var fragment = _buffer.WrittenMemory[_start..];
        _start = -1;
        return fragment;
    }

    /// <summary>
    /// A fragment of JSON already written (prebuilt bytes with a pod's own around or within them), copied as it is:
    /// the parts, one after the other. Not while a fragment is being written.
    /// </summary>
    public ReadOnlyMemory<byte> Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third, ReadOnlySpan<byte> fourth)
    {
        if (_start >= 0)
        {
            throw new InvalidOperationException("a fragment is being written; end it first");
        }

        var start = _buffer.WrittenCount;
        var length = first.Length + second.Length + third.Length + fourth.Length;
        var destination = _buffer.GetSpan(length);
        first.CopyTo(destination);
        second.CopyTo(destination[first.Length..]);
        third.CopyTo(destination[(first.Length + second.Length)..]);
        fourth.CopyTo(destination[(length - fourth.Length)..]);
        _buffer.Advance(length);
        return _buffer.WrittenMemory[start..];
    }

    /// <summary>
    /// Room for a fragment of <paramref name="length"/> bytes, written by the caller and kept with <see cref="Advance"/>
    /// (or not: nothing is kept until then). Not while a fragment is being written.
    /// </summary>
    public Span<byte> GetSpan(int length)
    {
        if (_start >= 0)
        {
            throw new InvalidOperationException("a fragment is being written; end it first");
        }

        return _buffer.GetSpan(length)[..length];
    }

    /// <summary>Keeps the <paramref name="length"/> bytes written into <see cref="GetSpan"/> as a fragment.</summary>
    public ReadOnlyMemory<byte> Advance(int length)
    {
        var start = _buffer.WrittenCount;
        _buffer.Advance(length);
        return _buffer.WrittenMemory.Slice(start, length);
    }

    /// <summary>
    /// Makes room for <paramref name="bytes"/> more in one step, when about that many are to come (a large pod's
    /// containers each get fragments of the same size), instead of doubling from small. Not while a fragment is being written.
    /// </summary>
    public void Reserve(long bytes)
    {
        if (_start >= 0)
        {
            throw new InvalidOperationException("a fragment is being written; end it first");
        }

        _buffer.EnsureCapacity(_buffer.WrittenCount + bytes);
    }

    /// <summary>Forgets every fragment and holds a large buffer only weakly (<see cref="ReusedBuffer.LetGo"/>): its workspace is being dropped.</summary>
    public void LetGo()
    {
        _start = -1;
        _buffer.LetGo();
    }

    /// <summary>Forgets every fragment; their slices must no longer be used.</summary>
    public void Clear()
    {
        _start = -1;
        _buffer.Clear();
    }
}
