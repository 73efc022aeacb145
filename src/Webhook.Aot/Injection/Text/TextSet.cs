using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Webhook.Injection.Text;

/// <summary>
/// Strings handed out again when the same text comes back (<see cref="TextCache"/>), at most a number of strings and of
/// characters: the whole set is dropped when a new text would pass either (a fresh set fills up again in a few pods).
/// </summary>
/// <remarks>
/// ASCII text is kept under the hash of its bytes, so a pod's UTF-8 text is found without being transcoded first
/// (<see cref="TryGetAscii"/>); text with other characters under the hash of its UTF-16 code units. A hash chain
/// holds at most <see cref="MaxChain"/> strings: text that would make one longer is handed out without being kept, so
/// inputs made to collide cost a new string each, never a walk through thousands of kept ones.
/// </remarks>
public sealed class TextSet
{
    /// <summary>32,768 strings: a 5,000-container pod's names, mount paths and names from its annotation, with room to spare.</summary>
    public const int BurstCapacity = 32 * 1024;

    /// <summary>1 Mi characters (2 MiB): the most a burst workspace keeps of texts, while the burst lasts.</summary>
    public const int BurstMaxCharacters = 1024 * 1024;

    /// <summary>The most strings one hash chain holds; far above what a good hash gives kept texts (a few at most).</summary>
    public const int MaxChain = 16;

    /// <summary>The longest ASCII text hashed as its bytes from UTF-16 (narrowed on the stack); longer text is hashed as UTF-16.</summary>
    private const int MaxNarrowed = 2048;

    private const int FirstSize = 64;
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private readonly int _capacity;
    private readonly int _maxCharacters;
    private readonly ulong _asciiSeed;
    private readonly ulong _utf16Seed;
    private int[] _buckets = new int[FirstSize]; // 1 + the index of a chain's first entry; 0: empty
    private Entry[] _entries = new Entry[FirstSize];
    private int _count;
    private int _characters;

    public TextSet(int capacity, int maxCharacters)
        : this(capacity, maxCharacters, (ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64())
    {
    }

    /// <summary>A set whose hashes are seeded with these (tests give their own, to make texts collide).</summary>
    internal TextSet(int capacity, int maxCharacters, ulong asciiSeed, ulong utf16Seed)
    {
        _capacity = capacity;
        _maxCharacters = maxCharacters;
        _asciiSeed = asciiSeed;
        _utf16Seed = utf16Seed;
    }

    private struct Entry
    {
        public string Text;
        public uint Hash;
        public int Next; // 1 + the index of the chain's next entry; 0: the last
    }

    /// <summary>How many strings the set holds.</summary>
    public int Count => _count;

    /// <summary>A set for a burst workspace: <see cref="BurstCapacity"/> strings, <see cref="BurstMaxCharacters"/> characters.</summary>
    public static TextSet ForBurst() => new(BurstCapacity, BurstMaxCharacters);

    /// <summary>The string with these characters: the kept one when seen before.</summary>
    [SkipLocalsInit] // the narrowed bytes are written before they are read
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (text.Length <= MaxNarrowed)
        {
            Span<byte> narrowed = stackalloc byte[text.Length];
            if (Ascii.FromUtf16(text, narrowed, out _) == System.Buffers.OperationStatus.Done)
            {
                // ASCII is kept under the hash of its bytes, where TryGetAscii finds it.
                return Get(text, Hash(narrowed, _asciiSeed));
            }
        }

        return Get(text, Hash(MemoryMarshal.AsBytes(text), _utf16Seed));
    }

    /// <summary>
    /// The string these bytes spell when they are all ASCII (the kept one when seen before); false for any other
    /// byte, which the caller decodes (and checks) as UTF-8.
    /// </summary>
    public bool TryGetAscii(ReadOnlySpan<byte> bytes, out string text)
    {
        if (bytes.IsEmpty)
        {
            text = "";
            return true;
        }

        var hash = Hash(bytes, _asciiSeed);
        var chain = 0;
        for (var at = _buckets[hash & (_buckets.Length - 1)]; at != 0; at = _entries[at - 1].Next, chain++)
        {
            ref var entry = ref _entries[at - 1];
            // Ascii.Equals is false for any byte or character outside ASCII: a hit is ASCII and equal.
            if (entry.Hash == hash && entry.Text.Length == bytes.Length && Ascii.Equals(bytes, entry.Text))
            {
                text = entry.Text;
                return true;
            }
        }

        if (!Ascii.IsValid(bytes))
        {
            text = "";
            return false;
        }

        text = Add(Encoding.ASCII.GetString(bytes), hash, chain);
        return true;
    }

    /// <summary>Text given as UTF-16: found or kept under <paramref name="hash"/>.</summary>
    private string Get(ReadOnlySpan<char> text, uint hash)
    {
        var chain = 0;
        for (var at = _buckets[hash & (_buckets.Length - 1)]; at != 0; at = _entries[at - 1].Next, chain++)
        {
            ref var entry = ref _entries[at - 1];
            if (entry.Hash == hash && text.SequenceEqual(entry.Text))
            {
                return entry.Text;
            }
        }

        return Add(new string(text), hash, chain);
    }

    private string Add(string created, uint hash, int chain)
    {
        if (chain >= MaxChain)
        {
            return created;
        }

        if (_count >= _capacity || _characters + created.Length > _maxCharacters)
        {
            Clear();
        }
        else if (_count == _entries.Length)
        {
            Grow();
        }

        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry { Text = created, Hash = hash, Next = bucket };
        bucket = ++_count;
        _characters += created.Length;
        return created;
    }

    /// <summary>Drops every string, keeping the storage.</summary>
    private void Clear()
    {
        Array.Clear(_buckets);
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _characters = 0;
    }

    /// <summary>Twice the room, the chains built again (the size stays a power of two, at most the capacity's).</summary>
    private void Grow()
    {
        var size = _entries.Length * 2;
        var entries = new Entry[size];
        Array.Copy(_entries, entries, _count);
        var buckets = new int[size];
        for (var i = 0; i < _count; i++)
        {
            ref var bucket = ref buckets[entries[i].Hash & (size - 1)];
            entries[i].Next = bucket;
            bucket = i + 1;
        }

        _entries = entries;
        _buckets = buckets;
    }

    /// <summary>A seeded hash of <paramref name="bytes"/>, eight bytes a step (the last eight read again when the length is not a multiple).</summary>
    internal static uint Hash(ReadOnlySpan<byte> bytes, ulong seed)
    {
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var length = bytes.Length;
        var hash = seed ^ ((ulong)length * Multiplier);
        var at = 0;
        for (; at + 8 <= length; at += 8)
        {
            hash = Mix(hash, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at)));
        }

        if (at < length)
        {
            ulong last;
            if (length >= 8)
            {
                last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
            }
            else
            {
                last = 0;
                for (var i = 0; i < length; i++)
                {
                    last = (last << 8) | Unsafe.Add(ref start, i);
                }
            }

            hash = Mix(hash, last);
        }

        hash ^= hash >> 29;
        hash *= Multiplier;
        return (uint)(hash >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value)
    {
        hash = (hash ^ value) * Multiplier;
        return hash ^ (hash >> 31);
    }
}
