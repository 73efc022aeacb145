using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Model;

namespace Webhook.Generators.Emitting;

/// <summary>
/// Writes one class per model type: properties, a strict <c>Read(ref Utf8JsonReader, …)</c> that checks every
/// schema constraint while it reads, and a <c>Write(Utf8JsonWriter)</c>. A pure function of the model.
/// </summary>
public static class CrdModelEmitter
{
    public const string Namespace = "Webhook.Crd";
    private const string Context = "global::Webhook.Crd.ModelReadContext";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string TokenType = "global::System.Text.Json.JsonTokenType";
    private const string FieldPath = "global::Webhook.Documents.FieldPath";

    public static void Emit(SourceProductionContext context, CrdSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        foreach (var type in spec.Types)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            try
            {
                context.AddSource("CrdModelGenerator." + type.Name + ".g.cs", SourceText.From(EmitType(spec, type), System.Text.Encoding.UTF8));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.Descriptors.GeneratorFault, Location.None, "model " + type.Name, e.Message));
            }
        }
    }

    public static string EmitType(CrdSpec spec, ModelType type)
    {
        var statics = new List<string>();
        var body = new SourceWriter();
        EmitProperties(body, type);
        EmitRead(body, type, statics);
        EmitWrite(body, type);

        var file = new SourceWriter().Header();
        file.Line("namespace " + Namespace + ";").Line();
        file.Summary(type.Description);
        file.Line("/// <remarks>Generated from the schema at " + string.Join(", ", type.SchemaPaths.Select(p => "<c>" + p + "</c>")) + ".</remarks>");
        file.Open("public sealed partial class " + type.Name);
        if (type.IsRoot)
        {
            file.Line("public const string SchemaGroup = " + SourceWriter.Literal(spec.Group) + ";");
            file.Line("public const string SchemaVersion = " + SourceWriter.Literal(spec.Version) + ";");
            file.Line("public const string SchemaApiVersion = " + SourceWriter.Literal(spec.Group + "/" + spec.Version) + ";");
            file.Line("public const string SchemaKind = " + SourceWriter.Literal(spec.Kind) + ";");
            file.Line("public const string SchemaPlural = " + SourceWriter.Literal(spec.Plural) + ";").Line();
        }

        file.Line("private static readonly string[] s_fields = [" + JoinLiterals(type.Properties) + "];");
        foreach (var line in statics)
        {
            file.Line(line);
        }

        file.Line();
        foreach (var line in body.ToString().TrimEnd('\n').Split('\n'))
        {
            if (line.Length > 0)
            {
                file.Line(line);
            }
            else
            {
                file.Line();
            }
        }

        file.Close();
        return file.ToString().TrimEnd('\n') + "\n";
    }

    private static void EmitProperties(SourceWriter w, ModelType type)
    {
        foreach (var property in type.Properties)
        {
            w.Summary(property.Description);
            w.Line("public " + CsType(property.Schema) + "? " + property.CsName + " { get; set; }").Line();
        }
    }

    private static void EmitRead(SourceWriter w, ModelType type, List<string> statics)
    {
        w.Line("/// <summary>Reads one " + type.Name + " and records every schema violation in <paramref name=\"context\"/>.</summary>");
        w.Open("public static " + type.Name + "? Read(ref " + Reader + " reader, " + Context + " context, string path)");
        w.Open("if (!context.ExpectObject(ref reader, path))").Line("return null;").Close().Line();
        w.Line("var result = new " + type.Name + "();");
        w.Open("while (reader.Read() && reader.TokenType == " + TokenType + ".PropertyName)");
        var first = true;
        foreach (var property in type.Properties)
        {
            w.Open((first ? "if" : "else if") + " (reader.ValueTextEquals(" + SourceWriter.Literal(property.JsonName) + "u8))");
            w.Line("reader.Read();");
            w.Line("var p0 = " + FieldPath + ".Property(path, " + SourceWriter.Literal(property.JsonName) + ");");
            EmitReadValue(w, property.Schema, "p0", "v0", 0, statics);
            w.Line("result." + property.CsName + " = v0;");
            w.Close();
            first = false;
        }

        if (first)
        {
            w.Line("context.UnknownField(ref reader, path, s_fields);");
        }
        else
        {
            w.Open("else").Line("context.UnknownField(ref reader, path, s_fields);").Close();
        }

        w.Close();
        foreach (var property in type.Properties)
        {
            if (DefaultLiteral(property.Schema) is { } literal)
            {
                w.Line("result." + property.CsName + " ??= " + literal + ";");
            }

            if (property.Required)
            {
                w.Open("if (result." + property.CsName + " is null)");
                w.Line("context.MissingRequired(path, " + SourceWriter.Literal(property.JsonName) + ");");
                w.Close();
            }
        }

        w.Line().Line("return result;").Close().Line();
        if (type.IsRoot)
        {
            w.Line("/// <summary>Reads a whole document whose top level is one " + type.Name + ".</summary>");
            w.Open("public static " + type.Name + "? ReadDocument(global::System.ReadOnlySpan<byte> json, " + Context + " context)");
            w.Line("var reader = new " + Reader + "(json);");
            w.Line("reader.Read();");
            w.Line("return Read(ref reader, context, " + FieldPath + ".Root);");
            w.Close().Line();
        }
    }

    private static void EmitReadValue(SourceWriter w, ValueSchema schema, string path, string result, int depth, List<string> statics)
    {
        switch (schema.Kind)
        {
            case ValueKind.Array:
                EmitReadCollection(w, schema, path, result, depth, statics, isMap: false);
                return;
            case ValueKind.Map:
                EmitReadCollection(w, schema, path, result, depth, statics, isMap: true);
                return;
            case ValueKind.Object:
                w.Line("var " + result + " = global::" + Namespace + "." + schema.TypeName + ".Read(ref reader, context, " + path + ");");
                return;
            case ValueKind.ObjectMeta:
                w.Line("var " + result + " = global::Webhook.Crd.ObjectMeta.Read(ref reader, context, " + path + ");");
                return;
            default:
                w.Line("var " + result + " = context." + ScalarReader(schema.Kind) + "(ref reader, " + path + ");");
                EmitChecks(w, schema, path, CheckedText(schema.Kind, result), statics);
                return;
        }
    }

    private static void EmitReadCollection(SourceWriter w, ValueSchema schema, string path, string result, int depth, List<string> statics, bool isMap)
    {
        var inner = depth + 1;
        var itemPath = "p" + SourceWriter.Number(inner);
        var itemValue = "v" + SourceWriter.Number(inner);
        var element = "e" + SourceWriter.Number(inner);
        w.Line(CsType(schema) + "? " + result + " = null;");
        w.Open("if (context." + (isMap ? "ExpectObject" : "ExpectArray") + "(ref reader, " + path + "))");
        if (isMap)
        {
            var key = "k" + SourceWriter.Number(inner);
            w.Line(result + " = new(global::System.StringComparer.Ordinal);");
            w.Open("while (reader.Read() && reader.TokenType == " + TokenType + ".PropertyName)");
            w.Line("var " + key + " = reader.GetString()!;");
            w.Line("reader.Read();");
            w.Line("var " + itemPath + " = " + FieldPath + ".Property(" + path + ", " + key + ");");
            EmitReadValue(w, schema.Element!, itemPath, itemValue, inner, statics);
            w.Open("if (" + itemValue + " is { } " + element + ")").Line(result + "[" + key + "] = " + element + ";").Close();
        }
        else
        {
            var index = "i" + SourceWriter.Number(inner);
            w.Line(result + " = new();");
            w.Line("var " + index + " = 0;");
            w.Open("while (reader.Read() && reader.TokenType != " + TokenType + ".EndArray)");
            w.Line("var " + itemPath + " = " + FieldPath + ".Index(" + path + ", " + index + "++);");
            EmitReadValue(w, schema.Element!, itemPath, itemValue, inner, statics);
            w.Open("if (" + itemValue + " is { } " + element + ")").Line(result + ".Add(" + element + ");").Close();
        }

        w.Close();
        w.Close();
    }

    private static void EmitChecks(SourceWriter w, ValueSchema schema, string path, string value, List<string> statics)
    {
        if (schema.Enum.Count > 0)
        {
            var name = "s_enum" + SourceWriter.Number(statics.Count);
            statics.Add("private static readonly string[] " + name + " = [" + JoinLiterals(schema.Enum) + "];");
            w.Line("context.CheckEnum(" + path + ", " + value + ", " + name + ");");
        }

        if (schema.Pattern is { } pattern)
        {
            var name = "s_pattern" + SourceWriter.Number(statics.Count);
            statics.Add("private static readonly global::System.Text.RegularExpressions.Regex " + name + " = new("
                + "global::Webhook.Crd.GoPattern.Anchored(" + SourceWriter.Literal(pattern) + "), global::System.Text.RegularExpressions.RegexOptions.CultureInvariant);");
            w.Line("context.CheckPattern(" + path + ", " + value + ", " + name + ", " + SourceWriter.Literal(pattern) + ");");
        }

        if (schema.MaxLength is { } maxLength)
        {
            w.Line("context.CheckMaxLength(" + path + ", " + value + ", " + SourceWriter.Number(maxLength) + ");");
        }
    }

    private static void EmitWrite(SourceWriter w, ModelType type)
    {
        w.Line("/// <summary>Writes this object as JSON, fields in schema order, unset fields left out.</summary>");
        w.Open("public void Write(" + Writer + " writer)");
        w.Line("writer.WriteStartObject();");
        foreach (var property in type.Properties)
        {
            // Each property in its own block: pattern variables would otherwise clash across properties.
            w.Open("");
            w.Open("if (" + property.CsName + " is { } x0)");
            w.Line("writer.WritePropertyName(" + SourceWriter.Literal(property.JsonName) + "u8);");
            EmitWriteValue(w, property.Schema, "x0", 0);
            w.Close();
            w.Close();
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
    }

    private static void EmitWriteValue(SourceWriter w, ValueSchema schema, string value, int depth)
    {
        var inner = "x" + SourceWriter.Number(depth + 1);
        switch (schema.Kind)
        {
            case ValueKind.String:
                w.Line("writer.WriteStringValue(" + value + ");");
                break;
            case ValueKind.Boolean:
                w.Line("writer.WriteBooleanValue(" + value + ");");
                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
            case ValueKind.Number:
                w.Line("writer.WriteNumberValue(" + value + ");");
                break;
            case ValueKind.Raw:
                w.Line(value + ".WriteTo(writer);");
                break;
            case ValueKind.Array:
                w.Line("writer.WriteStartArray();");
                w.Open("foreach (var " + inner + " in " + value + ")");
                EmitWriteValue(w, schema.Element!, inner, depth + 1);
                w.Close();
                w.Line("writer.WriteEndArray();");
                break;
            case ValueKind.Map:
                w.Line("writer.WriteStartObject();");
                w.Open("foreach (var " + inner + " in " + value + ")");
                w.Line("writer.WritePropertyName(" + inner + ".Key);");
                EmitWriteValue(w, schema.Element!, inner + ".Value", depth + 1);
                w.Close();
                w.Line("writer.WriteEndObject();");
                break;
            default:
                w.Line(value + ".Write(writer);");
                break;
        }
    }

    /// <summary>The value as the text the schema's enum and pattern are written in.</summary>
    private static string CheckedText(ValueKind kind, string value) => kind switch
    {
        ValueKind.String => value,
        ValueKind.IntOrString or ValueKind.Quantity => value + "?.Text",
        ValueKind.Boolean => "(" + value + " is null ? null : " + value + ".Value ? \"true\" : \"false\")",
        _ => value + "?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
    };

    private static string ScalarReader(ValueKind kind) => kind switch
    {
        ValueKind.String => "ReadString",
        ValueKind.Boolean => "ReadBoolean",
        ValueKind.Int32 => "ReadInt32",
        ValueKind.Int64 => "ReadInt64",
        ValueKind.Number => "ReadNumber",
        ValueKind.IntOrString => "ReadIntOrString",
        ValueKind.Quantity => "ReadQuantity",
        _ => "ReadRaw",
    };

    private static string CsType(ValueSchema schema) => schema.Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Boolean => "bool",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Number => "double",
        ValueKind.IntOrString or ValueKind.Quantity => "global::Webhook.Crd.IntOrString",
        ValueKind.Object => "global::" + Namespace + "." + schema.TypeName,
        ValueKind.ObjectMeta => "global::Webhook.Crd.ObjectMeta",
        ValueKind.Array => "global::System.Collections.Generic.List<" + CsType(schema.Element!) + ">",
        ValueKind.Map => "global::System.Collections.Generic.Dictionary<string, " + CsType(schema.Element!) + ">",
        _ => "global::System.Text.Json.JsonElement",
    };

    /// <summary>A C# literal for a scalar schema default, or null when the default is absent or not a simple scalar.</summary>
    private static string? DefaultLiteral(ValueSchema schema)
    {
        if (schema.DefaultJson is not { } json)
        {
            return null;
        }

        return schema.Kind switch
        {
            ValueKind.String when json.Length >= 2 && json[0] == '"' && json.IndexOf('\\') < 0 => SourceWriter.Literal(json.Substring(1, json.Length - 2)),
            ValueKind.Boolean when json is "true" or "false" => json,
            ValueKind.Int32 or ValueKind.Int64 or ValueKind.Number => json,
            _ => null,
        };
    }

    private static string JoinLiterals(IEnumerable<string> values)
    {
        var parts = new List<string>();
        foreach (var value in values)
        {
            parts.Add(SourceWriter.Literal(value));
        }

        return string.Join(", ", parts);
    }

    private static string JoinLiterals(EquatableArray<ModelProperty> properties)
    {
        var names = new List<string>();
        foreach (var property in properties)
        {
            names.Add(property.JsonName);
        }

        return JoinLiterals(names);
    }
}
