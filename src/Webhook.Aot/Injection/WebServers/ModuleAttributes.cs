using Webhook.Crd;
using Webhook.Injection.Text;

namespace Webhook.Injection.WebServers;

/// <summary>
/// The attribute lines of a web server module configuration: the defaults, then <c>attrs</c> of the Instrumentation,
/// which override them (the last entry of a name wins), one line per key in ordinal key order. The keys are taken
/// smallest first from the two short lists rather than sorted in a collection, so a configuration costs none.
/// </summary>
public static class ModuleAttributes
{
    public static void Append(ref TextBuilder text, scoped ReadOnlySpan<(string Key, string Value)> defaults, List<EnvVar>? attrs, string lineEnd)
    {
        string? previous = null;
        while (NextKey(defaults, attrs, previous) is { } key)
        {
            text.Append(key);
            text.Append(' ');
            text.Append(ValueOf(key, defaults, attrs));
            text.Append(lineEnd);
            previous = key;
        }
    }

    /// <summary>The smallest key after <paramref name="previous"/> (the smallest of all when it is null); null when none is left.</summary>
    private static string? NextKey(ReadOnlySpan<(string Key, string Value)> defaults, List<EnvVar>? attrs, string? previous)
    {
        string? next = null;
        foreach (var (key, _) in defaults)
        {
            next = Earlier(next, key, previous);
        }

        if (attrs is not null)
        {
            foreach (var attr in attrs)
            {
                if (attr.Name is { } name)
                {
                    next = Earlier(next, name, previous);
                }
            }
        }

        return next;
    }

    private static string? Earlier(string? best, string candidate, string? after)
    {
        var isAfter = after is null || string.CompareOrdinal(candidate, after) > 0;
        return isAfter && (best is null || string.CompareOrdinal(candidate, best) < 0) ? candidate : best;
    }

    private static string ValueOf(string key, ReadOnlySpan<(string Key, string Value)> defaults, List<EnvVar>? attrs)
    {
        for (var i = (attrs?.Count ?? 0) - 1; i >= 0; i--)
        {
            if (attrs![i].Name == key)
            {
                return attrs[i].Value ?? "";
            }
        }

        foreach (var (name, value) in defaults)
        {
            if (name == key)
            {
                return value;
            }
        }

        return "";
    }
}
