namespace Webhook.Injection.Text;

/// <summary>
/// Strings handed out again when the same text comes back (<see cref="TextCache"/>), at most a number of strings and of
/// characters: the whole set is dropped when a new text would pass either (a fresh set fills up again in a few pods).
/// </summary>
public sealed class TextSet
{
    /// <summary>32,768 strings: a 5,000-container pod's names, mount paths and names from its annotation, with room to spare.</summary>
    public const int BurstCapacity = 32 * 1024;

    /// <summary>1 Mi characters (2 MiB): the most a burst workspace keeps of texts, while the burst lasts.</summary>
    public const int BurstMaxCharacters = 1024 * 1024;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;
    private readonly int _maxCharacters;
    private int _characters;

    public TextSet(int capacity, int maxCharacters)
    {
        _capacity = capacity;
        _maxCharacters = maxCharacters;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many strings the set holds.</summary>
    public int Count => _strings.Count;

    /// <summary>A set for a burst workspace: <see cref="BurstCapacity"/> strings, <see cref="BurstMaxCharacters"/> characters.</summary>
    public static TextSet ForBurst() => new(BurstCapacity, BurstMaxCharacters);

    /// <summary>The string with these characters: the kept one when seen before.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var kept))
        {
            return kept;
        }

        if (_strings.Count >= _capacity || _characters + text.Length > _maxCharacters)
        {
            _strings.Clear();
            _characters = 0;
        }

        var created = new string(text);
        _strings.Add(created);
        _characters += created.Length;
        return created;
    }
}
