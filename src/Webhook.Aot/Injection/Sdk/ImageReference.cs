using System.Text.RegularExpressions;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The version part of a container image reference, for <c>service.version</c>: <c>img:1</c> → <c>1</c>,
/// <c>img:1@sha256:…</c> → <c>1@sha256:…</c>, <c>img@sha256:…</c> → <c>sha256:…</c>, <c>img</c> or
/// <c>registry:8080/img</c> → empty. A reference the operator's parser (distribution/reference) refuses gives empty.
/// </summary>
public static partial class ImageReference
{
    private const int MaxNameLength = 255;

    /// <summary>The anchored reference grammar: [domain[:port]/]path[:tag][@digest].</summary>
    [GeneratedRegex("""
        ^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/|\[[a-fA-F0-9:]+\](?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?\z
        """, RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    /// <summary>A memo of the last versions found, per thread: the pods of a workload repeat their images, and a match allocates.</summary>
    [ThreadStatic]
    private static Dictionary<string, string>? t_versions;

    /// <summary>1,024 images per thread before the memo starts over.</summary>
    private const int MemoCapacity = 1024;

    /// <summary><see cref="Version"/>, remembered for the image.</summary>
    public static string CachedVersion(string image)
    {
        var versions = t_versions ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (versions.TryGetValue(image, out var version))
        {
            return version;
        }

        if (versions.Count >= MemoCapacity)
        {
            versions.Clear();
        }

        return versions[image] = Version(image);
    }

    public static string Version(string image)
    {
        var match = Reference().Match(image);
        if (!match.Success || match.Groups["name"].Length > MaxNameLength)
        {
            return "";
        }

        var tag = match.Groups["tag"].Value;
        var digest = match.Groups["digest"].Value;
        if (digest.Length > 0 && !IsValidDigest(digest))
        {
            return "";
        }

        return (tag, digest) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => tag + "@" + digest,
            ({ Length: > 0 }, _) => tag,
            (_, { Length: > 0 }) => digest,
            _ => "",
        };
    }

    /// <summary>The digest check after the grammar: a known algorithm with its exact length of lower-case hex.</summary>
    private static bool IsValidDigest(string digest)
    {
        var colon = digest.IndexOf(':');
        var hex = digest[(colon + 1)..];
        var length = digest[..colon] switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => -1,
        };
        return hex.Length == length && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }
}
