using System.Buffers;
using System.IO.Pipelines;

namespace Webhook.Sources;

/// <summary>
/// Splits a watch response into lines, one JSON object each. A line cut short by a dropped connection is never
/// returned: the read fails, or the trailing bytes are dropped at the end of the stream.
/// </summary>
internal sealed class WatchLineReader : IAsyncDisposable
{
    /// <summary>An object is at most 1.5 MiB in etcd; JSON escaping can double that. Longer means a broken stream.</summary>
    internal const int MaxLineBytes = 4 * 1024 * 1024;

    private readonly PipeReader _reader;

    public WatchLineReader(Stream stream) => _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    /// <summary>The next non-empty line without its newline, or null once the server ended the stream.</summary>
    public async ValueTask<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } newline)
            {
                var line = buffer.Slice(0, newline);
                buffer = buffer.Slice(buffer.GetPosition(1, newline));
                if (!IsBlank(line))
                {
                    var bytes = line.ToArray();
                    _reader.AdvanceTo(buffer.Start);
                    return bytes;
                }
            }

            if (buffer.Length > MaxLineBytes)
            {
                throw new InvalidDataException("a watch event is longer than " + MaxLineBytes + " bytes without a newline");
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public ValueTask DisposeAsync() => _reader.CompleteAsync();

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
