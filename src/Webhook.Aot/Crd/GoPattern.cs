namespace Webhook.Crd;

/// <summary>
/// A CRD's <c>pattern</c> is an RE2 expression, as the API server's Go validation runs it. There a final <c>$</c>
/// matches only at the end of the text; in .NET it also matches before a final newline, so <c>"1\n"</c> would pass
/// a quantity pattern the API server refuses.
/// </summary>
public static class GoPattern
{
    /// <summary>The pattern with a final unescaped <c>$</c> written as <c>\z</c> (end of text only).</summary>
    public static string Anchored(string pattern) =>
        pattern.EndsWith('$') && !pattern.EndsWith(@"\$", StringComparison.Ordinal) ? pattern[..^1] + @"\z" : pattern;
}
