namespace Webhook.Injection.Selection;

/// <summary>
/// The operator's pod-versus-namespace rule for annotation values (shared spec §4.2), and whether a value asks for
/// injection: the one place both are written.
/// </summary>
public static class EffectiveValue
{
    /// <summary>Whether an inject annotation's value asks for injection: anything but empty and "false" (any case).</summary>
    public static bool Asks(string? value) => !string.IsNullOrEmpty(value) && !IsFalse(value);

    /// <summary><see cref="Asks(string?)"/> on the UTF-8 bytes of an unescaped JSON string.</summary>
    public static bool Asks(ReadOnlySpan<byte> utf8) => utf8.Length > 0 && !(utf8.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(utf8, "false"u8));

    /// <summary>Whether a value says "false" (any case): a pod's own "false" opts out whatever its namespace says.</summary>
    public static bool IsFalse(string value) => value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Pod "false" always opts out; pod "true" defers to a more specific namespace value; a namespace "false"
    /// cannot block a pod "true". Missing values count as empty.
    /// </summary>
    public static string Of(string? pod, string? ns)
    {
        pod ??= "";
        ns ??= "";
        if (ns.Length == 0)
        {
            return pod;
        }

        if (pod.Length == 0)
        {
            return ns;
        }

        if (!pod.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return pod;
        }

        return IsFalse(ns) ? pod : ns;
    }
}
