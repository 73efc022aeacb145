using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Webhook.Admission;

/// <summary>
/// Copies a request body into one rented buffer, refusing anything over the cap as soon as it is known to be
/// over (from Content-Length, or while reading), so a huge body is never buffered whole.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>The body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        var length = 0;
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                if (length + segment.Length > maxBytes)
                {
                    reader.AdvanceTo(read.Buffer.End);
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                if (length + segment.Length > buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(buffer.Length * 2, length + segment.Length), maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                segment.Span.CopyTo(buffer.AsSpan(length));
                length += segment.Length;
            }

            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return new RequestBody(buffer, length);
            }
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
