namespace Webhook.Documents;

/// <summary>
/// Where each field of one document sits in its source file, keyed by the paths <see cref="FieldPath"/> builds.
/// A property's path points at its key; an array element's path points at the element.
/// </summary>
public sealed class LineMap
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    /// <summary>An empty map answers every path with <paramref name="startLine"/>, as for objects that never had a file.</summary>
    public LineMap(int startLine)
    {
        StartLine = startLine;
    }

    /// <summary>The 1-based line the document starts on.</summary>
    public int StartLine { get; }

    public int Count => _positions.Count;

    public bool TryGet(string path, out int line, out int column)
    {
        if (_positions.TryGetValue(path, out var position))
        {
            (line, column) = position;
            return true;
        }

        line = 0;
        column = 0;
        return false;
    }

    /// <summary>The line of <paramref name="path"/>, else of its nearest known ancestor, else the document's start.</summary>
    public int LineOf(string path)
    {
        for (string? current = path; current is not null; current = FieldPath.Parent(current))
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position.Line;
            }
        }

        return StartLine;
    }

    internal void Add(string path, int line, int column) => _positions[path] = (line, column);
}
