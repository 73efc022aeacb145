using System.Security.Cryptography;
using System.Text;
using Webhook.Documents;

namespace Webhook.Sources;

/// <summary>
/// Reads the YAML and JSON files of a folder, following symlinks. Names starting with a dot are skipped: a
/// kubelet-mounted ConfigMap keeps its real files under <c>..data</c> and timestamped <c>..2024_…</c> folders,
/// and shows each key as a symlink at the top. Only regular files up to <see cref="MaxFileBytes"/> are read;
/// a named pipe, a device, a socket or a larger file is skipped with the reason, without being opened.
/// </summary>
internal static class InstrumentationFolder
{
    /// <summary>
    /// The largest file read: four times what a ConfigMap can hold (1 MiB), and a thousand times a typical
    /// Instrumentation, so only a mistake reaches it.
    /// </summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private static readonly string[] s_extensions = [".yaml", ".yml", ".json"];

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly EnumerationOptions s_topLevelFiles = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
    };

    /// <summary>Every candidate file, ordered by name (ordinal) so that snapshots do not depend on directory order.</summary>
    public static IReadOnlyList<FolderFile> Read(string folder)
    {
        var files = new List<FolderFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", s_topLevelFiles))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || !HasSourceExtension(name))
            {
                continue;
            }

            files.Add(ReadFile(name, path));
        }

        files.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return files;
    }

    private static bool HasSourceExtension(string name)
    {
        foreach (var extension in s_extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static FolderFile ReadFile(string name, string path)
    {
        byte[] bytes;
        try
        {
            bytes = DocumentFile.Read(path, MaxFileBytes);
        }
        catch (DocumentFileException e)
        {
            // Known without reading the file, so a skipped file is reported again only when that changes.
            return new FolderFile(name, "skipped:" + e.Problem, null, e.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = "cannot be read: " + e.Message;
            return new FolderFile(name, "unreadable:" + problem, null, problem);
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(bytes));
        try
        {
            return new FolderFile(name, fingerprint, s_strictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return new FolderFile(name, fingerprint, null, "is not UTF-8 text");
        }
    }
}
