using System.Globalization;

namespace Webhook.Documents;

/// <summary>
/// Reads the bytes of a YAML or JSON file at a bounded cost: a regular file only (symlinks are followed), never more
/// than a given size. A named pipe, a device or a socket is refused by its type before it is opened, and the open
/// cannot block, so no such file can hang a reader or fill its memory.
/// </summary>
public static class DocumentFile
{
    private const int Mebibyte = 1024 * 1024;

    public static byte[] Read(string path, int maxBytes)
    {
        var (kind, size) = FileStatus.Of(path);
        ThrowIfNotReadable(path, kind, size, maxBytes);
        using var handle = FileStatus.OpenForReading(path);

        // The path may have been replaced since it was looked at: what counts is the file that was opened.
        (kind, size) = FileStatus.Of(handle, path);
        ThrowIfNotReadable(path, kind, size, maxBytes);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        return ReadAtMost(stream, (int)size, maxBytes) ?? throw TooLarge(path, "grew past", maxBytes);
    }

    /// <summary>At most <paramref name="maxBytes"/> from a stream that may never end (standard input).</summary>
    public static byte[] Read(Stream stream, string name, int maxBytes) =>
        ReadAtMost(stream, 0, maxBytes) ?? throw TooLarge(name, "is more than", maxBytes);

    /// <summary><paramref name="bytes"/> as "4 MiB" when it is a whole number of MiB.</summary>
    public static string Size(long bytes) => bytes % Mebibyte == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / Mebibyte} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    private static void ThrowIfNotReadable(string path, FileKind kind, long size, int maxBytes)
    {
        if (kind != FileKind.Regular)
        {
            var link = new FileInfo(path).LinkTarget is { } target ? " (a symlink to " + target + ")" : "";
            throw new DocumentFileException(path, "is " + Describe(kind) + link + ", not a regular file");
        }

        if (size > maxBytes)
        {
            throw new DocumentFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"is {size:N0} bytes, over the {Size(maxBytes)} a file may have; split it into smaller files"));
        }
    }

    /// <summary>The whole stream, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    private static byte[]? ReadAtMost(Stream stream, int expected, int maxBytes)
    {
        // One byte more than expected, so the end shows without growing the buffer.
        var buffer = new byte[Math.Min(Math.Max(expected, 4096), maxBytes) + 1];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
            }

            var read = stream.Read(buffer.AsSpan(length));
            if (read == 0)
            {
                Array.Resize(ref buffer, length);
                return buffer;
            }

            length += read;
        }
    }

    private static DocumentFileException TooLarge(string name, string what, int maxBytes) =>
        new(name, what + " " + Size(maxBytes) + "; split it into smaller files");

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.NamedPipe => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "a special file",
    };
}
