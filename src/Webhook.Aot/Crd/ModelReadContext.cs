using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Webhook.Documents;
using Webhook.Text;

namespace Webhook.Crd;

/// <summary>
/// Collects what is wrong while the generated model readers walk a document, so one pass reports every error
/// (as strict as the API server: wrong types, unknown fields, enums, patterns, lengths, required fields) instead
/// of stopping at the first. The generated code calls these helpers; nothing here knows the schema.
/// </summary>
public sealed class ModelReadContext
{
    private readonly List<FieldError> _errors = new();

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Error(string path, string message) => _errors.Add(new FieldError(path, message));

    /// <summary>True when the reader is on an object; null is read as "absent"; anything else is an error and skipped.</summary>
    public bool ExpectObject(ref Utf8JsonReader reader, string path) => Expect(ref reader, path, JsonTokenType.StartObject, "an object");

    public bool ExpectArray(ref Utf8JsonReader reader, string path) => Expect(ref reader, path, JsonTokenType.StartArray, "a list");

    public void UnknownField(ref Utf8JsonReader reader, string path, ReadOnlySpan<string> knownFields)
    {
        var name = reader.GetString() ?? "";
        var suggestion = Suggestions.Closest(name, knownFields);
        var hint = suggestion is null ? "" : "; did you mean \"" + suggestion + "\"?";
        Error(FieldPath.Property(path, EchoedText.Cut(name)), "unknown field " + EchoedText.Quote(name) + hint);
        reader.Read();
        reader.Skip();
    }

    public void MissingRequired(string path, string field) => Error(FieldPath.Property(path, field), "required field is missing");

    public string? ReadString(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Number:
                var literal = Literal(ref reader);
                Error(path, "must be a string, not " + Describe(reader.TokenType) + "; quote it: " + EchoedText.Quote(literal));
                return null;
            default:
                WrongType(ref reader, path, "a string");
                return null;
        }
    }

    public bool? ReadBoolean(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref reader, path, "a boolean (true or false, unquoted)");
                return null;
        }
    }

    public long? ReadInt64(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        WrongType(ref reader, path, "a whole number");
        return null;
    }

    public int? ReadInt32(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        WrongType(ref reader, path, "a whole number between -2147483648 and 2147483647");
        return null;
    }

    public double? ReadNumber(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value))
        {
            return value;
        }

        WrongType(ref reader, path, "a number");
        return null;
    }

    public IntOrString? ReadIntOrString(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return IntOrString.FromString(reader.GetString()!);
            case JsonTokenType.Number:
                return new IntOrString(Literal(ref reader), true);
            case JsonTokenType.Null:
                return null;
            default:
                WrongType(ref reader, path, "a number or a string");
                return null;
        }
    }

    public IntOrString? ReadQuantity(ref Utf8JsonReader reader, string path)
    {
        var value = ReadIntOrString(ref reader, path);
        if (value is { } quantity && !Quantity.IsValid(quantity.Text))
        {
            Error(path, EchoedText.Quote(quantity.Text) + " is not a valid quantity; write a number with an optional suffix, e.g. 500m, 128Mi, 1Gi or 2");
            return null;
        }

        return value;
    }

    public JsonElement? ReadRaw(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            WrongType(ref reader, path, "an object");
            return null;
        }

        return JsonElement.ParseValue(ref reader);
    }

    public void CheckEnum(string path, string? value, ReadOnlySpan<string> allowed)
    {
        if (value is null)
        {
            return;
        }

        foreach (var candidate in allowed)
        {
            if (candidate == value)
            {
                return;
            }
        }

        var suggestion = Suggestions.Closest(value, allowed);
        var hint = suggestion is null ? "" : "; did you mean \"" + suggestion + "\"?";
        Error(path, "unsupported value " + EchoedText.Quote(value) + hint + " (supported: " + string.Join(", ", allowed) + ")");
    }

    public void CheckPattern(string path, string? value, Regex regex, string pattern)
    {
        if (value is not null && !regex.IsMatch(value))
        {
            Error(path, EchoedText.Quote(value) + " does not match the pattern " + pattern);
        }
    }

    public void CheckMaxLength(string path, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Error(path, "is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long; at most "
                + maxLength.ToString(CultureInfo.InvariantCulture) + " are allowed");
        }
    }

    private bool Expect(ref Utf8JsonReader reader, string path, JsonTokenType token, string what)
    {
        if (reader.TokenType == token)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            WrongType(ref reader, path, what);
        }

        return false;
    }

    private void WrongType(ref Utf8JsonReader reader, string path, string expected)
    {
        Error(path, "must be " + expected + ", not " + Describe(reader.TokenType));
        reader.Skip();
    }

    private static string Literal(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
    };

    /// <summary>A JSON value kind as messages name it: "an object", "a list", "a string", "a number", "a boolean", "null".</summary>
    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };
}
