// Model types must stay value-equal: the incremental pipeline compares them to decide whether to re-emit.
// Positions live only in diagnostics, so moving a line in a schema file never re-emits source.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Webhook.Generators.Model;

/// <summary>A place in a schema file: path plus 1-based line and column.</summary>
public sealed record LocationInfo(string FilePath, int Line, int Column)
{
    public Location ToLocation()
    {
        var position = new LinePosition(Line - 1, Column - 1);
        return Location.Create(FilePath, new TextSpan(0, 0), new LinePositionSpan(position, position));
    }
}
