namespace Webhook.Injection.Pods;

/// <summary>
/// A string of a pod's JSON object: <see cref="Decoded"/> when it had escapes (or is not in the object's bytes),
/// else the place of its UTF-8 bytes (between the quotes) in the object's bytes.
/// </summary>
public readonly record struct RawText(string? Decoded, int Start, int Length)
{
    /// <summary>The empty text: what a missing name (or one that is not a string) reads as.</summary>
    public static RawText Empty { get; } = new("", 0, 0);
}
