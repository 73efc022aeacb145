using System.Collections.Generic;

namespace Webhook.Generators.Parsing;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value with the 1-based line and column where it starts; objects keep member order.</summary>
public sealed class JsonValue
{
    private JsonValue(JsonKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JsonKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The text of a string, or the literal of a number.</summary>
    public string Text { get; private set; } = "";

    public List<JsonMember> Members { get; } = new();

    public List<JsonValue> Items { get; } = new();

    public bool IsBoolean => Kind is JsonKind.True or JsonKind.False;

    public static JsonValue Scalar(JsonKind kind, string text, int line, int column) => new(kind, line, column) { Text = text };

    public static JsonValue Container(JsonKind kind, int line, int column) => new(kind, line, column);

    public JsonMember? Member(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }

    public JsonValue? Get(string name) => Member(name)?.Value;

    public string Describe() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Null => "null",
        _ => "a boolean",
    };
}

/// <summary>One "name": value pair, with the position of its name.</summary>
public sealed class JsonMember
{
    public JsonMember(string name, int line, int column, JsonValue value)
    {
        Name = name;
        Line = line;
        Column = column;
        Value = value;
    }

    public string Name { get; }

    public int Line { get; }

    public int Column { get; }

    public JsonValue Value { get; }
}
