namespace Webhook.Injection.Selection;

/// <summary>The operator's pod-versus-namespace rule for annotation values (shared spec §4.2).</summary>
public static class EffectiveValue
{
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

        return ns.Equals("false", StringComparison.OrdinalIgnoreCase) ? pod : ns;
    }
}
