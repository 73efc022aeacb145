using System.Buffers;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Webhook.Documents;

/// <summary>
/// Reads a YAML stream document by document from the parser's events, resolving scalars as Kubernetes does and
/// expanding aliases, straight into compact JSON and a <see cref="LineMap"/>.
/// </summary>
internal sealed class YamlSourceReader
{
    /// <summary>
    /// How much JSON the aliases of one file may write, so a small file cannot expand without bound: far more than
    /// any real Instrumentation or manifest repeats (etcd refuses objects over 1.5 MiB whole). As every replayed
    /// node also costs a line-map entry, this bounds memory too.
    /// </summary>
    internal const int MaxAliasBytes = 1024 * 1024;

    private const string TagPrefix = "tag:yaml.org,2002:";

    private readonly string _sourceName;
    private readonly Parser _parser;

    /// <summary>
    /// The events read while an anchored node was being read, aliases inside it already expanded. Nested anchors
    /// share it: each anchor is a range of it, so an event is kept once however many anchors hold it.
    /// </summary>
    private readonly List<ParsingEvent> _recorded = [];

    /// <summary>Each anchor's node, as a range of <see cref="_recorded"/>.</summary>
    private readonly Dictionary<string, (int Start, int Count)> _anchors = new(StringComparer.Ordinal);

    /// <summary>Anchored nodes being read, with where each starts in <see cref="_recorded"/>.</summary>
    private readonly List<(string Name, int Start)> _recordings = [];

    /// <summary>The alias being replayed: the next event of its range, its end, where it is and the JSON written before it.</summary>
    private int _replayNext;
    private int _replayEnd;
    private Mark _alias = Mark.Empty;
    private long _writtenBeforeAlias;

    /// <summary>JSON written by the aliases of this file whose replay has ended.</summary>
    private long _aliasBytes;

    private Utf8JsonWriter? _writer;
    private int _index = -1;
    private Mark _lastEnd = Mark.Empty;

    public YamlSourceReader(string text, string sourceName)
    {
        _sourceName = sourceName;
        _parser = new Parser(new StringReader(text));
    }

    public IReadOnlyList<SourceDocument> Read()
    {
        var documents = new List<SourceDocument>();
        try
        {
            NextFromParser();
            while (NextFromParser() is DocumentStart)
            {
                _index++;
                _anchors.Clear();
                _recorded.Clear();
                if (ReadDocument() is { } document)
                {
                    documents.Add(document);
                }

                NextFromParser();
            }
        }
        catch (YamlException e)
        {
            throw new DocumentFormatException(
                _sourceName, Math.Max(_index, 0), (int)e.Start.Line, (int)e.Start.Column, FieldPath.Root, "invalid YAML: " + e.Message);
        }

        return documents;
    }

    private SourceDocument? ReadDocument()
    {
        var root = Next(FieldPath.Root, out var mark, out var replayed);
        if (root is Scalar scalar && Resolve(scalar, mark, FieldPath.Root).Kind == ScalarKind.Null)
        {
            return null;
        }

        if (root is not MappingStart)
        {
            throw Error(mark, FieldPath.Root, $"a document must be a mapping of fields (apiVersion, kind, …), found {Describe(root)}");
        }

        var lines = new LineMap((int)mark.Line);
        lines.Add(FieldPath.Root, (int)mark.Line, (int)mark.Column);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, DocumentReader.JsonOptions))
        {
            _writer = writer;
            WriteNode(writer, lines, root, mark, replayed, FieldPath.Root, depth: 1);
            EndReplay();
            _writer = null;
        }

        return new SourceDocument(_sourceName, _index, (int)mark.Line, output.WrittenSpan.ToArray(), lines);
    }

    private void WriteNode(Utf8JsonWriter writer, LineMap lines, ParsingEvent node, Mark mark, bool replayed, string path, int depth)
    {
        // A replayed node's anchors were recorded where they were defined; recording them again could
        // bring back a definition that a later anchor of the same name has replaced.
        var anchor = !replayed && node is NodeEvent { Anchor.IsEmpty: false } anchored ? anchored.Anchor.Value : null;
        if (anchor is not null)
        {
            _anchors.Remove(anchor);
            _recordings.Add((anchor, Record(node)));
        }

        switch (node)
        {
            case Scalar scalar:
                WriteScalar(writer, scalar, mark, path);
                break;
            case MappingStart:
                CheckDepth(depth, mark, path);
                WriteMapping(writer, lines, path, depth);
                break;
            case SequenceStart:
                CheckDepth(depth, mark, path);
                WriteSequence(writer, lines, path, depth);
                break;
            default:
                throw Error(mark, path, $"unexpected {node.GetType().Name}");
        }

        if (anchor is not null)
        {
            var (name, start) = _recordings[^1];
            _recordings.RemoveAt(_recordings.Count - 1);
            _anchors[name] = (start, _recorded.Count - start);
        }
    }

    private void WriteMapping(Utf8JsonWriter writer, LineMap lines, string path, int depth)
    {
        writer.WriteStartObject();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var keyNode = Next(path, out var keyMark, out var keyReplayed);
            if (keyNode is MappingEnd)
            {
                break;
            }

            var key = KeyOf(keyNode, keyMark, keyReplayed, path);
            var keyPath = FieldPath.Property(path, key);
            if (!keys.Add(key))
            {
                throw Error(keyMark, keyPath, JsonSourceReader.DuplicateKey(key, path));
            }

            lines.Add(keyPath, (int)keyMark.Line, (int)keyMark.Column);
            writer.WritePropertyName(key);
            var value = Next(keyPath, out var valueMark, out var valueReplayed);
            WriteNode(writer, lines, value, valueMark, valueReplayed, keyPath, depth + 1);
        }

        writer.WriteEndObject();
    }

    private void WriteSequence(Utf8JsonWriter writer, LineMap lines, string path, int depth)
    {
        writer.WriteStartArray();
        for (var i = 0; ; i++)
        {
            var itemPath = FieldPath.Index(path, i);
            var item = Next(itemPath, out var itemMark, out var itemReplayed);
            if (item is SequenceEnd)
            {
                break;
            }

            lines.Add(itemPath, (int)itemMark.Line, (int)itemMark.Column);
            WriteNode(writer, lines, item, itemMark, itemReplayed, itemPath, depth + 1);
        }

        writer.WriteEndArray();
    }

    private void WriteScalar(Utf8JsonWriter writer, Scalar scalar, Mark mark, string path)
    {
        var resolved = Resolve(scalar, mark, path);
        switch (resolved.Kind)
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(resolved == ResolvedScalar.True);
                break;
            case ScalarKind.Integer or ScalarKind.Float:
                writer.WriteRawValue(resolved.JsonText);
                break;
            case ScalarKind.NonFinite:
                throw Error(mark, path, $"{scalar.Value} is a number that JSON cannot hold; quote it if it is meant as a string");
            default:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }

    /// <summary>JSON keys are strings: scalar keys are resolved, then written the way Kubernetes' YAML-to-JSON writes them.</summary>
    private string KeyOf(ParsingEvent node, Mark mark, bool replayed, string parentPath)
    {
        if (node is not Scalar scalar)
        {
            throw Error(mark, parentPath, $"a key {Where(parentPath)} is {Describe(node)}; keys must be scalars");
        }

        if (!replayed && !scalar.Anchor.IsEmpty)
        {
            _anchors[scalar.Anchor.Value] = (Record(scalar), 1);
        }

        var resolved = Resolve(scalar, mark, parentPath);
        return resolved.Kind switch
        {
            ScalarKind.Boolean or ScalarKind.Integer or ScalarKind.Float => resolved.JsonText,
            ScalarKind.Null => throw Error(mark, parentPath, $"a key {Where(parentPath)} is null; quote it if it is meant as a string"),
            ScalarKind.Merge => throw Error(
                mark, parentPath, $"merge keys (<<) are not supported ({Where(parentPath)}); write the merged fields out instead"),
            _ => scalar.Value,
        };
    }

    /// <summary>
    /// Quoted and block scalars are strings; plain ones resolve by YAML 1.1 rules; the core tags force a type and
    /// fail when the text does not have it. Other tags leave the text a string, as go-yaml does.
    /// </summary>
    private ResolvedScalar Resolve(Scalar scalar, Mark mark, string path)
    {
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? YamlScalarResolver.ResolvePlain(scalar.Value) : ResolvedScalar.String;
        }

        if (scalar.Tag.IsNonSpecific || !scalar.Tag.Value.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return ResolvedScalar.String;
        }

        var tag = scalar.Tag.Value[TagPrefix.Length..];
        ScalarKind? expected = tag switch
        {
            "int" => ScalarKind.Integer,
            "float" => ScalarKind.Float,
            "bool" => ScalarKind.Boolean,
            "null" => ScalarKind.Null,
            "merge" => ScalarKind.Merge,
            _ => null,
        };
        if (expected is null)
        {
            return ResolvedScalar.String;
        }

        var resolved = YamlScalarResolver.ResolvePlain(scalar.Value);
        if (resolved.Kind == expected || (expected == ScalarKind.Float && resolved.Kind is ScalarKind.Integer or ScalarKind.NonFinite))
        {
            return resolved;
        }

        throw Error(mark, path, $"\"{scalar.Value}\" is tagged !!{tag} but is not a valid {tag}");
    }

    /// <summary>The next event, with aliases replaced by the events of their anchored node.</summary>
    private ParsingEvent Next(string path, out Mark start, out bool replayed)
    {
        ParsingEvent next;
        if (_replayNext < _replayEnd)
        {
            next = _recorded[_replayNext++];
            replayed = true;
        }
        else
        {
            EndReplay();
            next = NextFromParser();
            replayed = false;
            if (next is AnchorAlias alias)
            {
                (_replayNext, var count) = RangeOf(alias, path);
                _replayEnd = _replayNext + count;
                _alias = alias.Start;
                _writtenBeforeAlias = Written;
                next = _recorded[_replayNext++];
                replayed = true;
            }
        }

        start = next.Start;

        // Checked before the event is written: past the cap by one scalar at most, and that scalar is in the file.
        if (replayed && _aliasBytes + (Written - _writtenBeforeAlias) > MaxAliasBytes)
        {
            throw Error(_alias, path, $"aliases expand to more than {DocumentFile.Size(MaxAliasBytes)} of JSON in this file; "
                + "write the repeated parts out, or repeat less through aliases");
        }

        if (_recordings.Count > 0)
        {
            _recorded.Add(next);
        }

        return next;
    }

    /// <summary>The JSON written so far for the current document.</summary>
    private long Written => _writer is null ? 0 : _writer.BytesCommitted + _writer.BytesPending;

    /// <summary>Counts what the alias being replayed wrote, once its last event has been written.</summary>
    private void EndReplay()
    {
        if (_replayEnd > 0)
        {
            _aliasBytes += Written - _writtenBeforeAlias;
            _replayNext = _replayEnd = 0;
        }
    }

    /// <summary>Where the anchored node <paramref name="node"/>, just read, starts in <see cref="_recorded"/>.</summary>
    private int Record(ParsingEvent node)
    {
        // Next records every event while an anchor is being read; otherwise this one is recorded now.
        if (_recordings.Count == 0)
        {
            _recorded.Add(node);
        }

        return _recorded.Count - 1;
    }

    private (int Start, int Count) RangeOf(AnchorAlias alias, string path)
    {
        var name = alias.Value.Value;
        if (_anchors.TryGetValue(name, out var range))
        {
            return range;
        }

        if (_recordings.Exists(recording => recording.Name == name))
        {
            throw Error(alias.Start, path, $"alias *{name} refers to a node that contains it");
        }

        throw Error(alias.Start, path, $"alias *{name} has no anchor &{name} before it in this document");
    }

    private ParsingEvent NextFromParser()
    {
        bool moved;
        try
        {
            moved = _parser.MoveNext();
        }
        catch (InvalidOperationException)
        {
            // The parser fails this way on some malformed input (a flow collection left open) instead of with a
            // YamlException; the end of the last event it read is the best position there is.
            throw new YamlException(_lastEnd, _lastEnd, "the YAML is malformed after this point (an unclosed [ or { ?)");
        }

        if (!moved || _parser.Current is null)
        {
            throw new YamlException(_lastEnd, _lastEnd, "unexpected end of the YAML stream");
        }

        _lastEnd = _parser.Current.End;
        return _parser.Current;
    }

    private void CheckDepth(int depth, Mark mark, string path)
    {
        if (depth > DocumentReader.MaxDepth)
        {
            throw Error(mark, path, $"nesting deeper than {DocumentReader.MaxDepth} levels is not supported");
        }
    }

    private DocumentFormatException Error(Mark mark, string path, string problem) =>
        new(_sourceName, Math.Max(_index, 0), (int)mark.Line, (int)mark.Column, path, problem);

    private static string Where(string path) => path.Length == 0 ? "at the top level" : "in " + path;

    private static string Describe(ParsingEvent node) => node switch
    {
        MappingStart => "a mapping",
        SequenceStart => "a sequence",
        Scalar { Style: ScalarStyle.Plain, Value.Length: > 0 } scalar => $"the scalar {scalar.Value}",
        Scalar scalar => $"the string \"{scalar.Value}\"",
        _ => node.GetType().Name,
    };
}
