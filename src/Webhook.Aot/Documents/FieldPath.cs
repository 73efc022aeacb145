namespace Webhook.Documents;

/// <summary>
/// Builds the field paths that errors show to users: <c>spec.java.env[0].value</c>. A map key that holds a dot,
/// a slash or a bracket (annotation keys do) is written in brackets, <c>metadata.annotations[a.b/c]</c>, so the
/// path can be read back unambiguously. Readers, validators and line maps all build paths here.
/// </summary>
public static class FieldPath
{
    public const string Root = "";

    public static string Property(string parent, string name)
    {
        if (NeedsBrackets(name))
        {
            return parent + "[" + name + "]";
        }

        return parent.Length == 0 ? name : parent + "." + name;
    }

    public static string Index(string parent, int index) => parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>The path one level up, or null at the root: <c>a.b[0]</c> → <c>a.b</c> → <c>a</c> → "".</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        if (path[^1] == ']')
        {
            var open = FindOpeningBracket(path);
            return path[..open];
        }

        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf(']');
        return dot > bracket ? path[..dot] : bracket >= 0 ? path[..(bracket + 1)] : "";
    }

    private static int FindOpeningBracket(string path)
    {
        // Keys inside brackets never contain '[' (NeedsBrackets would have no way to quote it), so the last '[' opens.
        return path.LastIndexOf('[');
    }

    private static bool NeedsBrackets(string name)
    {
        if (name.Length == 0)
        {
            return true;
        }

        foreach (var c in name)
        {
            if (c is '.' or '/' or '[' or ']')
            {
                return true;
            }
        }

        return false;
    }
}
