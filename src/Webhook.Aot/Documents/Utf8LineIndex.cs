namespace Webhook.Documents;

/// <summary>Turns byte offsets in UTF-8 text into 1-based lines and columns (columns count characters, not bytes).</summary>
internal sealed class Utf8LineIndex
{
    private readonly byte[] _text;
    private readonly List<int> _lineStarts = [0];

    // Offsets arrive in increasing order; carrying on from the last one keeps minified one-line JSON linear.
    private int _lastOffset;
    private int _lastLine;
    private int _lastColumn = 1;

    public Utf8LineIndex(byte[] text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) PositionOf(long offset)
    {
        var target = (int)offset;
        var index = _lineStarts.BinarySearch(target);
        var line = index >= 0 ? index : ~index - 1;
        var (from, column) = line == _lastLine && target >= _lastOffset ? (_lastOffset, _lastColumn) : (_lineStarts[line], 1);
        for (var i = from; i < target; i++)
        {
            // UTF-8 continuation bytes (10xxxxxx) belong to the character before them.
            if ((_text[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        (_lastOffset, _lastLine, _lastColumn) = (target, line, column);
        return (line + 1, column);
    }
}
