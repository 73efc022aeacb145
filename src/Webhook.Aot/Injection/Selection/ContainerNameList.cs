using Webhook.Injection.Text;

namespace Webhook.Injection.Selection;

/// <summary>
/// The container names of one language: the comma-separated annotation values themselves (the common
/// <c>container-names</c>, then with multi-instrumentation the language's own), not a string per name. A name is a
/// slice of its value, so a list of 32,000 names costs nothing beyond the annotation; names are compared as spans
/// (<see cref="NameTable"/>). Empty names are kept and nothing is trimmed, as the operator splits them.
/// </summary>
public sealed class ContainerNameList : INames
{
    private readonly List<string> _values = new();

    /// <summary>How many names the values hold (an empty value is one empty name).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Set once the duplicate check found no non-empty name twice (<see cref="ContainerNameRules.Validate"/>), so
    /// target resolution need not check again; cleared when names are added.
    /// </summary>
    public bool NonEmptyNamesDistinct { get; set; }

    /// <summary>The name at <paramref name="index"/> as a string (found by a scan: for the first few names, not a loop over all).</summary>
    public string this[int index]
    {
        get
        {
            var i = 0;
            foreach (var name in this)
            {
                if (i++ == index)
                {
                    return name.ToText();
                }
            }

            throw new ArgumentOutOfRangeException(nameof(index), index, "the list has " + Count + " names");
        }
    }

    /// <summary>Adds the names of a comma-separated value (already validated: no spaces to trim).</summary>
    public void Add(string commaSeparated)
    {
        _values.Add(commaSeparated);
        Count += commaSeparated.AsSpan().Count(',') + 1;
        NonEmptyNamesDistinct = false;
    }

    public void Clear()
    {
        _values.Clear();
        Count = 0;
        NonEmptyNamesDistinct = false;
    }

    /// <summary>The name that starts at <paramref name="position"/> (a <see cref="Name.Position"/> of this list).</summary>
    public ReadOnlySpan<char> At(int position)
    {
        foreach (var value in _values)
        {
            if (position <= value.Length)
            {
                var rest = value.AsSpan(position);
                var comma = rest.IndexOf(',');
                return comma < 0 ? rest : rest[..comma];
            }

            position -= value.Length + 1;
        }

        throw new ArgumentOutOfRangeException(nameof(position), "no name starts there");
    }

    ReadOnlySpan<char> INames.NameOf(int value) => At(value);

    public Enumerator GetEnumerator() => new(_values);

    /// <summary>One name: its text, a slice of the annotation value, and where it starts (unique within the list).</summary>
    public readonly ref struct Name(string value, int start, int length, int position)
    {
        private readonly string _value = value;
        private readonly int _start = start;

        public ReadOnlySpan<char> Text => _value.AsSpan(_start, length);

        /// <summary>The name's start in the values laid end to end, one separator between them: <see cref="At"/> gives it back.</summary>
        public int Position { get; } = position;

        /// <summary>The name as a string: from the text cache when its value is short (shared by the workload's pods), else its own.</summary>
        public string ToText() => _value.Length <= TextCache.MaxLength ? TextCache.Slice(_value, _start, length) : _value.Substring(_start, length);
    }

    /// <summary>Walks the names in order without allocating.</summary>
    public ref struct Enumerator
    {
        private readonly List<string> _values;
        private int _value;
        private int _start;
        private int _end;
        private int _base;

        internal Enumerator(List<string> values)
        {
            _values = values;
            _value = 0;
            _start = 0;
            _end = -1;
            _base = 0;
        }

        public readonly Name Current => new(_values[_value], _start, _end - _start, _base + _start);

        public bool MoveNext()
        {
            while (_value < _values.Count)
            {
                var value = _values[_value];
                if (_end < value.Length)
                {
                    _start = _end + 1;
                    var comma = value.AsSpan(_start).IndexOf(',');
                    _end = comma < 0 ? value.Length : _start + comma;
                    return true;
                }

                _base += value.Length + 1;
                _value++;
                _end = -1;
            }

            return false;
        }
    }
}
