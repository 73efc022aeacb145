using System;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Webhook.Generators.Parsing;

/// <summary>Thrown on malformed JSON, with the 1-based position of the problem.</summary>
public sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// A small JSON reader that knows line and column. Generators cannot depend on System.Text.Json (it is not in
/// every compiler host), and schema errors must point at a line, so this reads the text itself.
/// </summary>
public sealed class JsonCursor
{
    private const int MaxDepth = 256;

    private readonly string _text;
    private readonly CancellationToken _cancellationToken;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonCursor(string text, CancellationToken cancellationToken)
    {
        _text = text;
        _cancellationToken = cancellationToken;
    }

    public static JsonValue Parse(string text, CancellationToken cancellationToken = default)
    {
        var cursor = new JsonCursor(text, cancellationToken);
        cursor.SkipWhitespace();
        var value = cursor.ReadValue(0);
        cursor.SkipWhitespace();
        if (cursor._position < text.Length)
        {
            throw cursor.Error("unexpected text after the end of the JSON value");
        }

        return value;
    }

    private int Column => _position - _lineStart + 1;

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting is deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
        }

        if (_position >= _text.Length)
        {
            throw Error("unexpected end of file; a value was expected");
        }

        var line = _line;
        var column = Column;
        var c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject(line, column, depth);
            case '[':
                return ReadArray(line, column, depth);
            case '"':
                return JsonValue.Scalar(JsonKind.String, ReadString(), line, column);
            case 't':
                ExpectWord("true");
                return JsonValue.Scalar(JsonKind.True, "true", line, column);
            case 'f':
                ExpectWord("false");
                return JsonValue.Scalar(JsonKind.False, "false", line, column);
            case 'n':
                ExpectWord("null");
                return JsonValue.Scalar(JsonKind.Null, "null", line, column);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return JsonValue.Scalar(JsonKind.Number, ReadNumber(), line, column);
                }

                throw Error("unexpected character '" + c + "'; a value was expected");
        }
    }

    private JsonValue ReadObject(int line, int column, int depth)
    {
        var result = JsonValue.Container(JsonKind.Object, line, column);
        _position++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return result;
        }

        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("a property name in double quotes was expected");
            }

            var nameLine = _line;
            var nameColumn = Column;
            var name = ReadString();
            if (result.Member(name) is { } previous)
            {
                throw new JsonSyntaxException(
                    "property \"" + name + "\" appears twice in one object (first at line " + previous.Line.ToString(CultureInfo.InvariantCulture) + ")",
                    nameLine,
                    nameColumn);
            }

            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            result.Members.Add(new JsonMember(name, nameLine, nameColumn, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return result;
            }

            if (next != ',')
            {
                _position--;
                throw Error("',' or '}' was expected after a property value");
            }
        }
    }

    private JsonValue ReadArray(int line, int column, int depth)
    {
        var result = JsonValue.Container(JsonKind.Array, line, column);
        _position++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            result.Items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return result;
            }

            if (next != ',')
            {
                _position--;
                throw Error("',' or ']' was expected after an array item");
            }
        }
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                _position--;
                throw Error("control character in a string; escape it");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escape = _position < _text.Length ? _text[_position++] : '\0';
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error("unknown escape sequence '\\" + escape + "'");
            }
        }
    }

    private string ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        var digits = ReadDigits();
        if (digits == 0)
        {
            throw Error("a digit was expected");
        }

        if (Peek() == '.')
        {
            _position++;
            if (ReadDigits() == 0)
            {
                throw Error("a digit was expected after the decimal point");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (ReadDigits() == 0)
            {
                throw Error("a digit was expected in the exponent");
            }
        }

        return _text.Substring(start, _position - start);
    }

    private int ReadDigits()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position - start;
    }

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw Error("unexpected word; true, false or null was expected");
        }

        _position += word.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error("'" + c + "' was expected");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _lineStart = _position + 1;
            }
            else if (c != ' ' && c != '\t' && c != '\r' && c != '\uFEFF')
            {
                return;
            }

            _position++;
        }
    }

    private JsonSyntaxException Error(string message) => new(message, _line, Column);
}
