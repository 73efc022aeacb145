using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Webhook.Injection.Text;

/// <summary>
/// Text of the request compared where it stands, as UTF-8 bytes, with the .NET strings injection looks for: a
/// decision that only needs equality decodes nothing.
/// </summary>
public static class Utf8Text
{
    /// <summary>Whether the UTF-8 bytes (valid UTF-8, no JSON escapes) spell <paramref name="text"/>.</summary>
    public static bool Equals(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> text)
    {
        if (utf8.Length == text.Length)
        {
            // The usual case, an ASCII name: equal bytes, or different text (a non-ASCII byte never equals a char here).
            if (Ascii.Equals(utf8, text))
            {
                return true;
            }

            if (Ascii.IsValid(text))
            {
                return false;
            }
        }
        else if (utf8.Length < text.Length || utf8.Length > 3 * text.Length)
        {
            // Each UTF-16 unit takes one to three bytes.
            return false;
        }

        return EncodedEquals(utf8, text);
    }

    private static bool EncodedEquals(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> text)
    {
        Span<byte> chunk = stackalloc byte[256];
        while (!text.IsEmpty)
        {
            var status = Utf8.FromUtf16(text, chunk, out var read, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.InvalidData || written > utf8.Length || !utf8[..written].SequenceEqual(chunk[..written]))
            {
                return false;
            }

            utf8 = utf8[written..];
            text = text[read..];
        }

        return utf8.IsEmpty;
    }
}
