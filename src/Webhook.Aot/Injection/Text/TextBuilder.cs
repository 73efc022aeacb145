using System.Globalization;
using Webhook.Memory;
using Webhook.Text;

namespace Webhook.Injection.Text;

/// <summary>
/// Builds a text in a caller's stack buffer, moving to a pooled array when it outgrows it, and ends in a
/// <see cref="TextCache"/> string: composing an env value allocates nothing when the value was built before. Callers
/// give a stack buffer of 1,024 characters or more, so the pool (which may give its arrays up on a full collection,
/// making the next rent allocate) is only reached by texts too long to be usual.
/// </summary>
public ref struct TextBuilder
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    public TextBuilder(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> Text => _chars[.._length];

    public void Append(char value)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        if (_length + value.Length > _chars.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_chars[_length..]);
        _length += value.Length;
    }

    public void Append(string? value) => Append(value.AsSpan());

    public void Append(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        Append(digits[..written]);
    }

    /// <summary>
    /// Item <paramref name="index"/> of a list written <c>a, b, c, d, e and 4995 more</c>: the item, cut when long
    /// (<see cref="EchoedText"/>), while among the first <see cref="EchoedText.MaxListed"/>; nothing after that (end
    /// the list with <see cref="AppendMore"/>). A list of thousands of containers stays a short text.
    /// </summary>
    public void AppendListed(int index, string item)
    {
        if (index < EchoedText.MaxListed)
        {
            Append(index == 0 ? "" : ", ");
            Append(EchoedText.Cut(item));
        }
    }

    /// <summary>Ends a list of <paramref name="count"/> items written with <see cref="AppendListed"/>: <c> and N more</c> when some were left out.</summary>
    public void AppendMore(int count)
    {
        if (count > EchoedText.MaxListed)
        {
            Append(" and ");
            Append(count - EchoedText.MaxListed);
            Append(" more");
        }
    }

    /// <summary>The text as a kept string; the builder is done after this.</summary>
    public string ToCachedString()
    {
        var result = TextCache.Get(Text);
        Dispose();
        return result;
    }

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            BoundedPool<char>.Return(rented);
        }
    }

    private void Grow(int needed)
    {
        var larger = BoundedPool<char>.Rent(Math.Max(_chars.Length * 2, _length + needed));
        _chars[.._length].CopyTo(larger);
        Dispose();
        _rented = larger;
        _chars = larger;
    }
}
