using System.IO.Pipelines;
using System.Numerics;
using Microsoft.AspNetCore.Http;
using Webhook.Memory;

namespace Webhook.Admission;

/// <summary>
/// Copies a request body into one buffer that grows with the bytes that arrive, each growth taken from a
/// <see cref="BodyBudget"/> shared by all requests in flight. Content-Length only bounds the growth, never reserves:
/// a client that declares 7 MiB and sends a few bytes holds a few kilobytes. Refuses a body as soon as it is known
/// to be over the cap (from Content-Length, or while reading), so a huge body is never buffered whole. Buffers up to
/// <see cref="BoundedPool{T}.MaxPooledBytes"/> come from the shared pool; a larger body moves to a
/// <see cref="NativeBuffer"/>, outside the GC heap, given back to the system when the request ends: what large bodies
/// cost is then exactly what the budget accounts, never garbage waiting for a collection or a buffer a stale slice keeps
/// alive.
/// </summary>
public sealed class RequestBody : IDisposable
{
    /// <summary>
    /// 7 MiB: the API server stores objects of at most 3 MiB (etcd's limit) and a review carries the object and
    /// the old object, plus the envelope.
    /// </summary>
    public const int MaxBytes = 7 * 1024 * 1024;

    /// <summary>The first buffer: a typical pod review (about 5 KB) fits, and the pool has it.</summary>
    public const int InitialBytes = 16 * 1024;

    /// <summary>What the system maps a native body in: its buffer is charged in whole pages.</summary>
    private static readonly int PageBytes = Environment.SystemPageSize;

    private readonly BodyBudget _budget;
    private byte[] _buffer;
    private NativeBuffer? _native;

    private RequestBody(BodyBudget budget, byte[] buffer, NativeBuffer? native, int length)
    {
        _budget = budget;
        _buffer = buffer;
        _native = native;
        Length = length;
    }

    public int Length { get; }

    /// <summary>Whether the body is held outside the GC heap (it outgrew the pooled buffers).</summary>
    public bool IsNative => _native is not null;

    /// <summary>The body's bytes, valid until <see cref="Dispose"/>; a slice of a native body read after that throws <see cref="ObjectDisposedException"/>.</summary>
    public ReadOnlyMemory<byte> Memory => _native is { } native ? native.Memory[..Length] : _buffer.AsMemory(0, Length);

    /// <summary>
    /// The body; or null with <see cref="AdmissionOutcome.TooLarge"/> when it exceeds <paramref name="maxBytes"/>,
    /// or with <see cref="AdmissionOutcome.Overloaded"/> when <paramref name="budget"/> cannot hold it. A read that
    /// throws (client gone, body too slow) gives back what it took before the exception leaves. Completes without
    /// waiting when the whole body has already arrived (the usual case: the API server sends a review in one go), so
    /// that an admission costs no asynchronous state unless it really waits for bytes. Only a read that waits is
    /// cancelled when the client goes (<see cref="HttpContext.RequestAborted"/>, which Kestrel makes on first use).
    /// </summary>
    public static ValueTask<(RequestBody? Body, AdmissionOutcome Refusal)> ReadAsync(HttpRequest request, int maxBytes, BodyBudget budget)
    {
        if (request.ContentLength > maxBytes)
        {
            return new((null, AdmissionOutcome.TooLarge));
        }

        // What the client declared bounds how far the buffer grows; it takes nothing before the bytes come.
        var copy = new BodyCopy(budget, maxBytes, (int)Math.Min(request.ContentLength ?? maxBytes, maxBytes));
        var reader = request.BodyReader;
        try
        {
            while (reader.TryRead(out var read))
            {
                if (copy.Take(reader, read) is { } done)
                {
                    return new(done);
                }
            }
        }
        catch
        {
            copy.Release();
            throw;
        }

        return ReadRestAsync(reader, copy, request.HttpContext.RequestAborted);
    }

    private static async ValueTask<(RequestBody? Body, AdmissionOutcome Refusal)> ReadRestAsync(PipeReader reader, BodyCopy copy, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                if (copy.Take(reader, read) is { } done)
                {
                    return done;
                }
            }
        }
        catch
        {
            copy.Release();
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        var native = Interlocked.Exchange(ref _native, null);
        Release(_budget, ref buffer, ref native);
    }

    /// <summary>
    /// The bytes copied so far: takes each read's bytes, growing the buffer within the budget, and says when the
    /// body is whole or refused. A struct: the reading path that waits takes it over by value when it starts, and the
    /// one that does not allocates nothing for it.
    /// </summary>
    private struct BodyCopy(BodyBudget budget, int maxBytes, int growthLimit)
    {
        private byte[] _buffer = [];
        private NativeBuffer? _native;
        private int _length;

        /// <summary>Copies <paramref name="read"/> and consumes it; the result once the body is whole or refused, else null (read again).</summary>
        public (RequestBody? Body, AdmissionOutcome Refusal)? Take(PipeReader reader, ReadResult read)
        {
            foreach (var segment in read.Buffer)
            {
                var needed = _length + segment.Length;
                if (needed > maxBytes)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    Release();
                    return (null, AdmissionOutcome.TooLarge);
                }

                if (needed > Capacity && !TryGrow(budget, ref _buffer, ref _native, _length, needed, Math.Max(growthLimit, needed)))
                {
                    reader.AdvanceTo(read.Buffer.End);
                    Release();
                    return (null, AdmissionOutcome.Overloaded);
                }

                segment.Span.CopyTo(_native is { } native ? native.GetSpan()[_length..] : _buffer.AsSpan(_length));
                _length = needed;
            }

            reader.AdvanceTo(read.Buffer.End);
            return read.IsCompleted ? (new RequestBody(budget, _buffer, _native, _length), default) : null;
        }

        private readonly int Capacity => _native?.Capacity ?? _buffer.Length;

        public void Release() => RequestBody.Release(budget, ref _buffer, ref _native);
    }

    /// <summary>
    /// Doubles the buffer (at least to <paramref name="needed"/>, at most to <paramref name="limit"/>), taking what it
    /// grows by from the budget first. Past the pool's sizes the bytes move to a <see cref="NativeBuffer"/>, which
    /// grows in place: the old and the new buffer are never held, nor charged, at once.
    /// </summary>
    private static bool TryGrow(BodyBudget budget, ref byte[] buffer, ref NativeBuffer? native, int length, int needed, int limit)
    {
        var capacity = native?.Capacity ?? buffer.Length;
        var size = Math.Max(needed, Math.Min(Math.Max(capacity * 2, InitialBytes), limit));
        if (size <= BoundedPool<byte>.MaxPooledLength)
        {
            // The pool hands out powers of two; the budget is charged what the buffer really is.
            size = (int)BitOperations.RoundUpToPowerOf2((uint)size);
            return TryGrowPooled(budget, ref buffer, length, size);
        }

        // Whole pages: what the system maps, and so what the budget is charged.
        size = (int)Math.Min(((long)size + PageBytes - 1) / PageBytes * PageBytes, int.MaxValue);
        if (!budget.TryTake(size - capacity))
        {
            return false;
        }

        if (native is not null)
        {
            if (native.TryGrow(size))
            {
                return true;
            }

            budget.Give(size - capacity);
            return false;
        }

        // The system had no memory for the buffer: refused like one over the budget (503) rather than failing the request.
        if (NativeBuffer.TryAllocate(size) is not { } allocated)
        {
            budget.Give(size - capacity);
            return false;
        }

        buffer.AsSpan(0, length).CopyTo(allocated.GetSpan());
        BoundedPool<byte>.Return(buffer);
        buffer = [];
        native = allocated;
        return true;
    }

    private static bool TryGrowPooled(BodyBudget budget, ref byte[] buffer, int length, int size)
    {
        if (!budget.TryTake(size))
        {
            return false;
        }

        byte[] larger;
        try
        {
            larger = BoundedPool<byte>.Rent(size);
        }
        catch (OutOfMemoryException)
        {
            // Under a heap limit other work can leave no room for the buffer: the review is refused like one over the
            // budget (503) rather than failing the request. Nothing was changed before the allocation failed.
            budget.Give(size);
            return false;
        }

        buffer.AsSpan(0, length).CopyTo(larger);
        budget.Give(buffer.Length);
        BoundedPool<byte>.Return(buffer);
        buffer = larger;
        return true;
    }

    /// <summary>Gives what the body holds back to the budget: a small buffer to the pool, a native one to the system.</summary>
    private static void Release(BodyBudget budget, ref byte[] buffer, ref NativeBuffer? native)
    {
        budget.Give(buffer.Length + (native?.Capacity ?? 0));
        BoundedPool<byte>.Return(buffer);
        buffer = [];
        (native as IDisposable)?.Dispose();
        native = null;
    }
}
