namespace Webhook.Instrumentations;

/// <summary>Splits an image reference into repository and tag, and compares tags as semantic versions.</summary>
public static class ImageVersion
{
    /// <summary>The repository (everything before the tag and digest) and the tag (empty when there is none).</summary>
    public static (string Repository, string Tag) Split(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > lastSlash ? (withoutDigest[..colon], withoutDigest[(colon + 1)..]) : (withoutDigest, "");
    }

    /// <summary>
    /// Whether <paramref name="blocked"/> lies in (<paramref name="current"/>, <paramref name="target"/>]: an upgrade
    /// from current to target would cross it. Tags that are not semantic versions only match exactly.
    /// </summary>
    public static bool Crosses(string current, string target, string blocked)
    {
        if (TryParse(current, out var c) && TryParse(target, out var t) && TryParse(blocked, out var b))
        {
            return Compare(c, b) < 0 && Compare(b, t) <= 0;
        }

        return current != target && blocked == target;
    }

    private static bool TryParse(string tag, out (int Major, int Minor, int Patch, string Pre) version)
    {
        version = default;
        var text = tag.StartsWith('v') ? tag[1..] : tag;
        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            text = text[..plus];
        }

        var dash = text.IndexOf('-');
        var pre = dash >= 0 ? text[(dash + 1)..] : "";
        var parts = (dash >= 0 ? text[..dash] : text).Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || !int.TryParse(parts[2], out var patch))
        {
            return false;
        }

        version = (major, minor, patch, pre);
        return true;
    }

    private static int Compare((int Major, int Minor, int Patch, string Pre) a, (int Major, int Minor, int Patch, string Pre) b)
    {
        var result = a.Major.CompareTo(b.Major);
        result = result != 0 ? result : a.Minor.CompareTo(b.Minor);
        result = result != 0 ? result : a.Patch.CompareTo(b.Patch);
        if (result != 0 || a.Pre == b.Pre)
        {
            return result;
        }

        // A pre-release sorts before its release; two pre-releases compare as text, which is enough here.
        return a.Pre.Length == 0 ? 1 : b.Pre.Length == 0 ? -1 : string.CompareOrdinal(a.Pre, b.Pre);
    }
}
