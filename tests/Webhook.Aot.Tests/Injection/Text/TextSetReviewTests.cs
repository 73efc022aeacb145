using System.Text;
using Webhook.Injection.Text;

namespace Webhook.Tests.Injection.Text;

/// <summary>
/// The text set against inputs made to fool it: texts of every length around the hash's eight-byte steps, non-ASCII
/// text whose hash is forced equal to that of other bytes, and many long texts that would pass its bound.
/// </summary>
public sealed class TextSetReviewTests
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;
    private const ulong AsciiSeed = 0x0123_4567_89AB_CDEF;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(2047)]
    [InlineData(2048)]
    public void GetAndTryGetAscii_TextsOfOneLengthDifferingInOneByte_EachItsOwnStringByCharsAndByBytes(int length)
    {
        var set = new TextSet(4096, 1024 * 1024);
        var texts = new List<string> { new('a', length) };
        foreach (var at in new[] { 0, length / 2, length - 1, Math.Max(0, length - 8), Math.Min(length - 1, 7) })
        {
            foreach (var c in "b\0\u007F")
            {
                texts.Add(string.Create(length, (at, c), (span, s) => { span.Fill('a'); span[s.at] = s.c; }));
            }
        }

        texts = [.. texts.Distinct()];
        // Half kept from their characters, half from their bytes; each then found the other way as the same string.
        var kept = new Dictionary<string, string>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (i % 2 == 0)
            {
                kept[texts[i]] = set.Get(texts[i].AsSpan());
            }
            else
            {
                Assert.True(set.TryGetAscii(Encoding.ASCII.GetBytes(texts[i]), out var fromBytes));
                kept[texts[i]] = fromBytes;
            }
        }

        foreach (var text in texts)
        {
            Assert.Equal(text, kept[text]);
            Assert.True(set.TryGetAscii(Encoding.ASCII.GetBytes(text), out var byBytes));
            Assert.Same(kept[text], byBytes);
            Assert.Same(kept[text], set.Get(text.AsSpan()));
        }

        Assert.Equal(texts.Count, set.Count);
    }

    [Theory]
    [InlineData("é", new byte[] { 0xE9 })]
    [InlineData("\u0080", new byte[] { 0x80 })]
    [InlineData("\u00FF", new byte[] { 0xFF })]
    [InlineData("ab\u00E9", new byte[] { (byte)'a', (byte)'b', 0xE9 })]
    [InlineData("é", new byte[] { 0xC3 })]
    public void TryGetAscii_NonAsciiTextOfTheSameHashAndLength_NotHandedOutForOtherBytes(string kept, byte[] bytes)
    {
        // The seed of the UTF-16 hash is chosen so that the kept text's hash is that of the bytes: same chain, same hash.
        var utf16 = Encoding.Unicode.GetBytes(kept);
        var set = new TextSet(64, 4096, AsciiSeed, SeedGiving(utf16, bytes, AsciiSeed));
        Assert.Equal(TextSet.Hash(bytes, AsciiSeed), TextSet.Hash(utf16, SeedGiving(utf16, bytes, AsciiSeed)));
        Assert.Equal(kept, set.Get(kept.AsSpan()));

        Assert.False(set.TryGetAscii(bytes, out var found), "handed out '" + found + "'");
    }

    [Fact]
    public void TryGetAscii_AsciiTextOfTheSameHashAsAKeptNonAsciiOne_GivesItsOwnString()
    {
        var bytes = "e"u8.ToArray();
        var utf16 = Encoding.Unicode.GetBytes("é");
        var set = new TextSet(64, 4096, AsciiSeed, SeedGiving(utf16, bytes, AsciiSeed));
        var kept = set.Get("é".AsSpan());

        Assert.True(set.TryGetAscii(bytes, out var found));

        Assert.Equal("e", found);
        Assert.Same(kept, set.Get("é".AsSpan()));
        Assert.Same(found, set.Get("e".AsSpan()));
    }

    [Fact]
    public void TryGetAscii_ManyLongTexts_NeverHoldsMoreCharactersThanItsBound()
    {
        var set = new TextSet(TextCache.Capacity, TextCache.MaxKeptCharacters);
        var most = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = Encoding.ASCII.GetBytes(i.ToString("D8") + new string('x', TextCache.MaxLength - 8));
            Assert.True(set.TryGetAscii(bytes, out _));
            most = Math.Max(most, set.Count);
        }

        Assert.Equal(TextCache.MaxKeptCharacters / TextCache.MaxLength, most);
    }

    /// <summary>
    /// The seed for which the hash of <paramref name="data"/> equals that of <paramref name="target"/> under
    /// <paramref name="targetSeed"/>, for data and target shorter than eight bytes (one step of the hash), found by
    /// running the hash's steps backwards.
    /// </summary>
    private static ulong SeedGiving(byte[] data, byte[] target, ulong targetSeed)
    {
        Assert.InRange(data.Length, 1, 7);
        Assert.InRange(target.Length, 1, 7);
        var state = Mix(targetSeed ^ ((ulong)target.Length * Multiplier), Last(target));
        // Mix(h, v) = x ^ (x >> 31) with x = (h ^ v) * M: undo the shift, then the multiplication.
        var x = state ^ (state >> 31) ^ (state >> 62);
        var h = (x * Inverse(Multiplier)) ^ Last(data);
        return h ^ ((ulong)data.Length * Multiplier);
    }

    private static ulong Last(byte[] bytes)
    {
        ulong last = 0;
        foreach (var b in bytes)
        {
            last = (last << 8) | b;
        }

        return last;
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        hash = (hash ^ value) * Multiplier;
        return hash ^ (hash >> 31);
    }

    private static ulong Inverse(ulong odd)
    {
        var inverse = odd;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - (odd * inverse);
        }

        return inverse;
    }
}
