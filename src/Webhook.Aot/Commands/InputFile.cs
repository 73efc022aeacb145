using System.Text;
using Webhook.Documents;

namespace Webhook.Commands;

/// <summary>Reads the text behind <c>-f FILE</c>, where <c>-</c> means standard input, up to <see cref="MaxBytes"/>.</summary>
public static class InputFile
{
    /// <summary>
    /// The largest input read: many times a whole application's manifests (a rendered chart with its CRDs is a few
    /// MiB), and a bound on what <c>-f /dev/zero</c> or an endless pipe can cost.
    /// </summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    private const string StandardInput = "<stdin>";

    /// <summary>Throws <see cref="UsageException"/> when no file is named or it does not exist, <see cref="DocumentFileException"/> when it is not read.</summary>
    public static (string Text, string Name) Read(string? path, string command)
    {
        if (path is null)
        {
            throw new UsageException("otel-webhook " + command + ": -f FILE is required (use -f - to read standard input)");
        }

        if (path == "-")
        {
            using var input = Console.OpenStandardInput();
            return (Decode(DocumentFile.Read(input, StandardInput, MaxBytes)), StandardInput);
        }

        if (!File.Exists(path))
        {
            throw new UsageException("otel-webhook " + command + ": file '" + path + "' does not exist");
        }

        return (ReadText(path, MaxBytes), path);
    }

    /// <summary>A file of at most <paramref name="maxBytes"/> as text: UTF-8, or what its byte order mark says, as File.ReadAllText reads it.</summary>
    public static string ReadText(string path, int maxBytes) => Decode(DocumentFile.Read(path, maxBytes));

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
