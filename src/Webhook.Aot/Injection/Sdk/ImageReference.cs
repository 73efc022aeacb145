namespace Webhook.Injection.Sdk;

/// <summary>
/// The version part of a container image reference, for <c>service.version</c>: <c>img:1</c> → <c>1</c>,
/// <c>img:1@sha256:…</c> → <c>1@sha256:…</c>, <c>img@sha256:…</c> → <c>sha256:…</c>, <c>img</c> or
/// <c>registry:8080/img</c> → empty.
/// </summary>
public static class ImageReference
{
    public static string Version(string image)
    {
        if (image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            return "";
        }

        var at = image.IndexOf('@');
        var digest = at >= 0 ? image[(at + 1)..] : "";
        var name = at >= 0 ? image[..at] : image;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        var tag = colon > lastSlash ? name[(colon + 1)..] : "";
        var repository = colon > lastSlash ? name[..colon] : name;
        if ((digest.Length > 0 && !IsDigest(digest)) || (tag.Length > 0 && !IsTag(tag)) || !IsRepository(repository))
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

    /// <summary>Path components are lower case; only a registry host (first component with a dot, a port or "localhost") may differ.</summary>
    private static bool IsRepository(string repository)
    {
        var slash = repository.IndexOf('/');
        var first = slash < 0 ? "" : repository[..slash];
        var path = slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost") ? repository[(slash + 1)..] : repository;
        return path.Length > 0 && path.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '/');
    }

    private static bool IsTag(string tag)
        => tag.Length <= 128 && (char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_') && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    private static bool IsDigest(string digest)
    {
        var colon = digest.IndexOf(':');
        return colon > 0 && colon < digest.Length - 1 && digest[(colon + 1)..].All(char.IsAsciiHexDigit);
    }
}
