using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Webhook.Injection.Text;

/// <summary>
/// The strings injection works with, kept per thread and handed out again when the same text comes back. Pods of
/// one workload repeat the same names, images and computed env values, so after a workload's first pod the engine
/// finds every string here and allocates none. Bounded: texts longer than <see cref="MaxLength"/> are never kept,
/// and the whole cache is dropped when it holds <see cref="Capacity"/> strings or <see cref="MaxKeptCharacters"/>
/// characters (a fresh set fills up in a few pods). Every thread that serves admissions has one, so the bound is
/// multiplied by the threads. A burst workspace (one pod of thousands of containers) brings its own, larger
/// <see cref="TextSet"/> (<see cref="Use"/>), kept and dropped with the workspace: such a pod's texts would overflow
/// the thread's cache and be made again for every pod.
/// </summary>
public static class TextCache
{
    /// <summary>2,048 characters: longer than any name, image or agent option; a long annotation is simply not kept.</summary>
    public const int MaxLength = 2048;

    /// <summary>4,096 strings of at most 2,048 characters bound one thread's cache; typical texts are under 100 characters (~0.5 MB).</summary>
    public const int Capacity = 4096;

    /// <summary>256 Ki characters (512 KiB) per thread: 4,096 typical texts take a fraction of it; 4,096 of 2,048 characters would take 16 MiB.</summary>
    public const int MaxKeptCharacters = 256 * 1024;

    [ThreadStatic]
    private static TextSet? t_cache;

    [ThreadStatic]
    private static TextSet? t_used;

    /// <summary>
    /// From here on this thread's texts go to <paramref name="set"/> (null: the thread's own cache); the previous
    /// setting is returned for the caller to put back when it is done.
    /// </summary>
    public static TextSet? Use(TextSet? set)
    {
        var previous = t_used;
        t_used = set;
        return previous;
    }

    /// <summary>The string with these characters: the kept one when seen before.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (text.Length > MaxLength)
        {
            return new string(text);
        }

        return Set.Get(text);
    }

    /// <summary>The set this thread's texts go to.</summary>
    private static TextSet Set => t_used ?? (t_cache ??= new TextSet(Capacity, MaxKeptCharacters));

    /// <summary>The string these UTF-8 bytes spell; the kept string when seen before.</summary>
    [SkipLocalsInit] // the characters are written before they are read: no need to clear them first
    public static string GetUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return System.Text.Encoding.UTF8.GetString(utf8);
        }

        if (Set.TryGetAscii(utf8, out var ascii))
        {
            return ascii;
        }

        Span<char> text = stackalloc char[utf8.Length];
        var written = System.Text.Encoding.UTF8.GetChars(utf8, text);
        return Get(text[..written]);
    }

    /// <summary>The current string token of <paramref name="reader"/>, unescaped; the kept string when seen before.</summary>
    [SkipLocalsInit] // the characters are written before they are read: no need to clear them first
    public static string Get(ref JsonScanner reader)
    {
        var length = reader.ValueSpan.Length;
        if (length > MaxLength)
        {
            return reader.GetString();
        }

        // Text without escapes is its bytes: ASCII is found by them, without transcoding.
        if (!reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
            && Set.TryGetAscii(reader.ValueSpan, out var ascii))
        {
            return ascii;
        }

        Span<char> text = stackalloc char[length];
        var written = reader.CopyString(text);
        return Get(text[..written]);
    }

    public static string Concat(string a, string b) => Concat([a, b]);

    public static string Concat(string a, string b, string c) => Concat([a, b, c]);

    public static string Concat(params ReadOnlySpan<string> parts)
    {
        var builder = new TextBuilder(stackalloc char[1024]);
        foreach (var part in parts)
        {
            builder.Append(part);
        }

        return builder.ToCachedString();
    }

    /// <summary>Like <see cref="string.Replace(string, string?, StringComparison)"/> (ordinal), the result kept.</summary>
    public static string Replace(string text, string oldValue, string newValue)
    {
        var at = text.IndexOf(oldValue, StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var builder = new TextBuilder(stackalloc char[1024]);
        var rest = text.AsSpan();
        while (at >= 0)
        {
            builder.Append(rest[..at]);
            builder.Append(newValue);
            rest = rest[(at + oldValue.Length)..];
            at = rest.IndexOf(oldValue, StringComparison.Ordinal);
        }

        builder.Append(rest);
        return builder.ToCachedString();
    }

    /// <summary>A part of <paramref name="text"/>; the kept string when seen before.</summary>
    public static string Slice(string text, int start, int length)
        => start == 0 && length == text.Length ? text : Get(text.AsSpan(start, length));
}
