using System.Security.Cryptography;
using System.Text;

namespace Webhook.Sources;

/// <summary>
/// Reads the YAML and JSON files of a folder, following symlinks. Names starting with a dot are skipped: a
/// kubelet-mounted ConfigMap keeps its real files under <c>..data</c> and timestamped <c>..2024_…</c> folders,
/// and shows each key as a symlink at the top.
/// </summary>
internal static class InstrumentationFolder
{
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
            bytes = File.ReadAllBytes(path);
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
