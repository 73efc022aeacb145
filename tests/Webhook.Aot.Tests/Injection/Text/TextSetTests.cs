using System.Text;
using Webhook.Injection.Text;

namespace Webhook.Tests.Injection.Text;

/// <summary>
/// The text set finds ASCII text by its UTF-8 bytes and by its characters alike, never hands out a string for bytes
/// that spell another text (non-ASCII bytes, texts whose hashes collide), and stays within its bounds.
/// </summary>
public sealed class TextSetTests
{
    private const ulong Seed = 0x1234_5678_9ABC_DEF0;

    [Fact]
    public void TryGetAscii_TextKeptFromItsCharacters_GivesTheSameString()
    {
        var set = new TextSet(64, 4096);
        var kept = set.Get("JAVA_TOOL_OPTIONS".AsSpan());

        Assert.True(set.TryGetAscii("JAVA_TOOL_OPTIONS"u8, out var found));

        Assert.Same(kept, found);
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Get_TextKeptFromItsBytes_GivesTheSameString()
    {
        var set = new TextSet(64, 4096);
        Assert.True(set.TryGetAscii("registry.example.com/team/app:1.2.3"u8, out var kept));

        var found = set.Get("registry.example.com/team/app:1.2.3".AsSpan());

        Assert.Same(kept, found);
        Assert.Equal("registry.example.com/team/app:1.2.3", kept);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0xA9 })] // "é" in UTF-8
    [InlineData(new byte[] { 0xE9 })] // "é" in Latin-1: not UTF-8
    [InlineData(new byte[] { (byte)'a', 0xC3, 0xA9 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    public void TryGetAscii_BytesOutsideAscii_FalseWhateverTheSetHolds(byte[] bytes)
    {
        var set = new TextSet(64, 4096, Seed, Seed);
        // Every reading of the bytes as characters (widened one to one, as UTF-8, their low bytes): none may be handed out.
        set.Get(Encoding.Latin1.GetString(bytes).AsSpan());
        set.Get(Encoding.UTF8.GetString(bytes).AsSpan());
        set.Get(new string([.. bytes.Select(b => (char)(b & 0x7F))]).AsSpan());

        Assert.False(set.TryGetAscii(bytes, out _));
    }

    [Fact]
    public void Get_NonAsciiText_KeptAndFoundByItsCharacters()
    {
        var set = new TextSet(64, 4096);
        var kept = set.Get("été-😀".AsSpan());

        Assert.Same(kept, set.Get("été-😀".AsSpan()));
        Assert.NotSame(kept, set.Get("été-😁".AsSpan()));
        Assert.Equal("été-😁", set.Get("été-😁".AsSpan()));
    }

    [Fact]
    public void TryGetAscii_TwoTextsOfTheSameHash_EachGivesItsOwnString()
    {
        var (first, second) = CollidingTexts();
        var set = new TextSet(64, 4096, Seed, Seed);

        Assert.True(set.TryGetAscii(Encoding.ASCII.GetBytes(first), out var keptFirst));
        Assert.True(set.TryGetAscii(Encoding.ASCII.GetBytes(second), out var keptSecond));

        Assert.Equal(first, keptFirst);
        Assert.Equal(second, keptSecond);
        Assert.Same(keptFirst, set.Get(first.AsSpan()));
        Assert.Same(keptSecond, set.Get(second.AsSpan()));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void TryGetAscii_MoreTextsInOneChainThanItHolds_HandedOutWithoutBeingKept()
    {
        // 64 strings fill the set without growing it: its 64 chains are told apart by the hash's low six bits.
        var set = new TextSet(64, 64 * 1024, Seed, Seed);
        var sameChain = Enumerable.Range(0, 100_000).Select(i => "text-" + i)
            .Where(text => (TextSet.Hash(Encoding.ASCII.GetBytes(text), Seed) & 63) == 0)
            .Take(TextSet.MaxChain + 4).ToList();

        var first = sameChain.Select(text => Get(set, text)).ToList();
        var again = sameChain.Select(text => Get(set, text)).ToList();

        Assert.Equal(sameChain, first);
        Assert.Equal(sameChain, again);
        Assert.Equal(TextSet.MaxChain, set.Count);
        Assert.All(Enumerable.Range(0, TextSet.MaxChain), i => Assert.Same(first[i], again[i]));
        Assert.All(Enumerable.Range(TextSet.MaxChain, 4), i => Assert.NotSame(first[i], again[i]));
    }

    [Fact]
    public void Get_PastTheCapacity_DropsTheSetAndStartsAgain()
    {
        var set = new TextSet(100, 64 * 1024);
        for (var i = 0; i < 100; i++)
        {
            Get(set, "text-" + i);
        }

        Assert.Equal(100, set.Count);
        Get(set, "one more");

        Assert.Equal(1, set.Count);
        Assert.Equal("text-5", Get(set, "text-5"));
    }

    [Fact]
    public void Get_PastTheCharacters_DropsTheSetAndStartsAgain()
    {
        var set = new TextSet(1000, 100);
        Get(set, new string('a', 60));
        set.Get(new string('é', 30).AsSpan());

        Assert.Equal(2, set.Count);
        Get(set, new string('b', 20));

        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void GetAndTryGetAscii_ThousandsOfTextsGrowingTheSet_EachFoundAsItsOwnString()
    {
        var set = new TextSet(8192, 1024 * 1024);
        var texts = Enumerable.Range(0, 5000).Select(i => i % 3 == 0 ? "ünï-" + i : "name-" + i + new string('x', i % 40)).ToList();

        var kept = texts.Select(text => Get(set, text)).ToList();

        Assert.Equal(texts, kept);
        Assert.All(Enumerable.Range(0, texts.Count), i => Assert.Same(kept[i], set.Get(texts[i].AsSpan())));
        Assert.All(Enumerable.Range(0, texts.Count).Where(i => i % 3 != 0),
            i => Assert.Same(kept[i], set.TryGetAscii(Encoding.ASCII.GetBytes(texts[i]), out var found) ? found : null));
    }

    /// <summary>Through the bytes for ASCII text, through the characters for any other (as <see cref="TextCache"/> does).</summary>
    private static string Get(TextSet set, string text)
        => set.TryGetAscii(Encoding.UTF8.GetBytes(text), out var found) ? found : set.Get(text.AsSpan());

    /// <summary>Two ASCII texts whose hashes under <see cref="Seed"/> are equal (found by the birthday bound: about 2^16 tries).</summary>
    private static (string First, string Second) CollidingTexts()
    {
        var seen = new Dictionary<uint, string>();
        for (var i = 0; ; i++)
        {
            var text = "collide-" + i;
            var hash = TextSet.Hash(Encoding.ASCII.GetBytes(text), Seed);
            if (seen.TryGetValue(hash, out var other))
            {
                return (other, text);
            }

            seen[hash] = text;
        }
    }
}
