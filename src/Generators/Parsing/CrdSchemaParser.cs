using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Diagnostics;
using Webhook.Generators.Model;

namespace Webhook.Generators.Parsing;

/// <summary>
/// Reads a CustomResourceDefinition (as <c>kubectl get crd -o json</c> prints it) into the model of the classes
/// to generate. Object schemas of identical shape (ignoring descriptions) become one class.
/// </summary>
public sealed class CrdSchemaParser
{
    private readonly string _filePath;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, TypeBuilder> _builders = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();
    private readonly Dictionary<string, string> _typeNameByShape = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTypeNames = new(StringComparer.Ordinal);

    private CrdSchemaParser(string filePath, CancellationToken cancellationToken)
    {
        _filePath = filePath;
        _cancellationToken = cancellationToken;
    }

    public static CrdParseResult Parse(string filePath, SourceText? text, CancellationToken cancellationToken)
    {
        var parser = new CrdSchemaParser(filePath, cancellationToken);
        var spec = parser.ParseDocument(text?.ToString() ?? "");
        return new CrdParseResult(spec, new EquatableArray<DiagnosticInfo>(parser._diagnostics));
    }

    private CrdSpec? ParseDocument(string text)
    {
        JsonValue root;
        try
        {
            root = JsonCursor.Parse(text, _cancellationToken);
        }
        catch (JsonSyntaxException e)
        {
            Report(Descriptors.InvalidJson, e.Line, e.Column, _filePath, "line " + e.Line.ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
            return null;
        }

        if (root.Kind != JsonKind.Object || root.Get("kind") is not { Kind: JsonKind.String, Text: "CustomResourceDefinition" })
        {
            Report(Descriptors.CrdShape, root.Line, root.Column, _filePath, "\"kind\" must be \"CustomResourceDefinition\"");
            return null;
        }

        var spec = RequireObject(root, "spec", "spec");
        var names = spec is null ? null : RequireObject(spec, "names", "spec.names");
        var group = spec is null ? null : RequireString(spec, "group", "spec.group");
        var kind = names is null ? null : RequireString(names, "kind", "spec.names.kind");
        var plural = names is null ? null : RequireString(names, "plural", "spec.names.plural");
        var version = spec is null ? null : StorageVersion(spec);
        if (group is null || kind is null || plural is null || version is null)
        {
            return null;
        }

        var schema = RequireObject(version, "schema", "the storage version's schema");
        var openApi = schema is null ? null : RequireObject(schema, "openAPIV3Schema", "schema.openAPIV3Schema");
        var versionName = RequireString(version, "name", "the storage version's name");
        if (openApi is null || versionName is null)
        {
            return null;
        }

        if (openApi.Get("properties") is not { Kind: JsonKind.Object, Members.Count: > 0 })
        {
            Report(Descriptors.CrdShape, openApi.Line, openApi.Column, _filePath, "schema.openAPIV3Schema must have \"properties\"");
            return null;
        }

        AddObjectType(openApi, kind, "", isRoot: true);
        var types = new List<ModelType>();
        foreach (var name in _order)
        {
            types.Add(_builders[name].Build());
        }

        return new CrdSpec(group, versionName, kind, plural, new EquatableArray<ModelType>(types));
    }

    private JsonValue? StorageVersion(JsonValue spec)
    {
        var versions = spec.Get("versions");
        if (versions is not { Kind: JsonKind.Array } || versions.Items.Count == 0)
        {
            Report(Descriptors.CrdShape, spec.Line, spec.Column, _filePath, "spec.versions must list at least one version");
            return null;
        }

        foreach (var candidate in versions.Items)
        {
            if (candidate.Kind == JsonKind.Object && candidate.Get("storage") is { Kind: JsonKind.True })
            {
                return candidate;
            }
        }

        Report(Descriptors.CrdShape, versions.Line, versions.Column, _filePath, "no version in spec.versions has \"storage\": true");
        return null;
    }

    private string AddObjectType(JsonValue schema, string preferredName, string schemaPath, bool isRoot, string parentTypeName = "")
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var shape = Shape(schema);
        if (_typeNameByShape.TryGetValue(preferredName + "|" + shape, out var existing))
        {
            _builders[existing].AddOccurrence(schemaPath, schema);
            return existing;
        }

        var name = UniqueName(preferredName, parentTypeName);
        _typeNameByShape[preferredName + "|" + shape] = name;
        var builder = new TypeBuilder(name, isRoot);
        builder.Occurrences.Add((schemaPath.Length == 0 ? "." : schemaPath, Description(schema)));
        _builders[name] = builder;
        _order.Add(name);

        var required = RequiredNames(schema);
        var csNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in schema.Get("properties")!.Members)
        {
            var path = schemaPath + "." + member.Name;
            var csName = SchemaTypeMapping.MemberName(member.Name, name);
            if (csNames.TryGetValue(csName, out var clash))
            {
                Report(Descriptors.PropertyNameClash, member.Line, member.Column, path, clash, member.Name, csName);
                continue;
            }

            csNames[csName] = member.Name;
            var value = MapValue(member.Value, member.Name, path, name, isRoot, isArrayItem: false);
            if (value is not null)
            {
                builder.Properties.Add(new ModelProperty(member.Name, csName, Description(member.Value), required.Contains(member.Name), value));
            }
        }

        return name;
    }

    /// <summary>The preferred name, else the parent's name in front of it, else a number after it: never a name another shape has.</summary>
    private string UniqueName(string preferredName, string parentTypeName)
    {
        var name = preferredName;
        if (_usedTypeNames.Contains(name) && parentTypeName.Length > 0 && !preferredName.StartsWith(parentTypeName, StringComparison.Ordinal))
        {
            name = parentTypeName + preferredName;
        }

        var candidate = name;
        for (var i = 2; _usedTypeNames.Contains(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        _usedTypeNames.Add(candidate);
        return candidate;
    }

    private ValueSchema? MapValue(JsonValue schema, string propertyName, string path, string parentTypeName, bool parentIsRoot, bool isArrayItem)
    {
        if (schema.Kind != JsonKind.Object)
        {
            Report(Descriptors.UnsupportedSchema, schema.Line, schema.Column, path, "a schema must be an object, not " + schema.Describe());
            return null;
        }

        var type = schema.Get("type")?.Text;
        var constraints = Constraints(schema);
        if (schema.Get("x-kubernetes-int-or-string") is { Kind: JsonKind.True })
        {
            var kind = constraints.Pattern == SchemaTypeMapping.QuantityPattern ? ValueKind.Quantity : ValueKind.IntOrString;
            return constraints with { Kind = kind, Pattern = kind == ValueKind.Quantity ? null : constraints.Pattern };
        }

        if (type is null && schema.Get("x-kubernetes-preserve-unknown-fields") is { Kind: JsonKind.True })
        {
            return constraints with { Kind = ValueKind.Raw };
        }

        switch (type)
        {
            case "string":
                return constraints with { Kind = ValueKind.String };
            case "boolean":
                return constraints with { Kind = ValueKind.Boolean };
            case "integer":
                return constraints with { Kind = schema.Get("format")?.Text == "int32" ? ValueKind.Int32 : ValueKind.Int64 };
            case "number":
                return constraints with { Kind = ValueKind.Number };
            case "array":
                var items = schema.Get("items");
                if (items is null)
                {
                    Report(Descriptors.UnsupportedSchema, schema.Line, schema.Column, path, "an array schema needs \"items\"");
                    return null;
                }

                var element = MapValue(items, propertyName, path + "[]", parentTypeName, parentIsRoot, isArrayItem: true);
                return element is null ? null : constraints with { Kind = ValueKind.Array, Element = element };
            case "object":
                return MapObject(schema, constraints, propertyName, path, parentTypeName, parentIsRoot, isArrayItem);
            default:
                Report(Descriptors.UnsupportedSchema, schema.Line, schema.Column, path,
                    type is null ? "the schema has no \"type\"" : "type \"" + type + "\" is not a Kubernetes structural schema type");
                return null;
        }
    }

    private ValueSchema? MapObject(JsonValue schema, ValueSchema constraints, string propertyName, string path, string parentTypeName, bool parentIsRoot, bool isArrayItem)
    {
        if (SchemaTypeMapping.IsObjectMeta(path))
        {
            return constraints with { Kind = ValueKind.ObjectMeta };
        }

        if (schema.Get("properties") is { Kind: JsonKind.Object, Members.Count: > 0 })
        {
            var preferred = SchemaTypeMapping.PreferredTypeName(propertyName, isArrayItem, parentTypeName, parentIsRoot);
            return constraints with { Kind = ValueKind.Object, TypeName = AddObjectType(schema, preferred, path, isRoot: false, parentTypeName) };
        }

        if (schema.Get("additionalProperties") is { Kind: JsonKind.Object } additional)
        {
            var element = MapValue(additional, propertyName, path + "{}", parentTypeName, parentIsRoot, isArrayItem: true);
            return element is null ? null : constraints with { Kind = ValueKind.Map, Element = element };
        }

        // A bare object (or one preserving unknown fields) has no schema to read by: keep its JSON as it is.
        return constraints with { Kind = ValueKind.Raw };
    }

    private static ValueSchema Constraints(JsonValue schema)
    {
        var enumValues = new List<string>();
        if (schema.Get("enum") is { Kind: JsonKind.Array } values)
        {
            foreach (var value in values.Items)
            {
                enumValues.Add(value.Text);
            }
        }

        int? maxLength = schema.Get("maxLength") is { Kind: JsonKind.Number } max
            && int.TryParse(max.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var defaultValue = schema.Get("default");
        return new ValueSchema(
            ValueKind.String,
            null,
            null,
            new EquatableArray<string>(enumValues),
            schema.Get("pattern")?.Text,
            maxLength,
            defaultValue is null ? null : Canonical(defaultValue));
    }

    private static HashSet<string> RequiredNames(JsonValue schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (schema.Get("required") is { Kind: JsonKind.Array } required)
        {
            foreach (var item in required.Items)
            {
                names.Add(item.Text);
            }
        }

        return names;
    }

    private static string? Description(JsonValue schema) => schema.Get("description") is { Kind: JsonKind.String } d ? d.Text : null;

    /// <summary>The schema without descriptions, as text: two object schemas with the same shape share one class.</summary>
    private static string Shape(JsonValue schema)
    {
        var builder = new StringBuilder();
        AppendCanonical(builder, schema, skipDescriptions: true);
        return builder.ToString();
    }

    private static string Canonical(JsonValue value)
    {
        var builder = new StringBuilder();
        AppendCanonical(builder, value, skipDescriptions: false);
        return builder.ToString();
    }

    private static void AppendCanonical(StringBuilder builder, JsonValue value, bool skipDescriptions)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                builder.Append('{');
                foreach (var member in value.Members)
                {
                    if (skipDescriptions && member.Name == "description")
                    {
                        continue;
                    }

                    AppendString(builder, member.Name);
                    builder.Append(':');
                    AppendCanonical(builder, member.Value, skipDescriptions);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonKind.Array:
                builder.Append('[');
                foreach (var item in value.Items)
                {
                    AppendCanonical(builder, item, skipDescriptions);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case JsonKind.String:
                AppendString(builder, value.Text);
                break;
            default:
                builder.Append(value.Text);
                break;
        }
    }

    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private JsonValue? RequireObject(JsonValue parent, string name, string what)
    {
        var value = parent.Get(name);
        if (value is { Kind: JsonKind.Object })
        {
            return value;
        }

        Report(Descriptors.CrdShape, value?.Line ?? parent.Line, value?.Column ?? parent.Column, _filePath, what + " must be an object");
        return null;
    }

    private string? RequireString(JsonValue parent, string name, string what)
    {
        var value = parent.Get(name);
        if (value is { Kind: JsonKind.String } && value.Text.Length > 0)
        {
            return value.Text;
        }

        Report(Descriptors.CrdShape, value?.Line ?? parent.Line, value?.Column ?? parent.Column, _filePath, what + " must be a non-empty string");
        return null;
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int line, int column, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, new LocationInfo(_filePath, line, column), arguments));

    /// <summary>A class being collected: its properties, and every place in the schema that uses it.</summary>
    private sealed class TypeBuilder(string name, bool isRoot)
    {
        public List<(string Path, string? Description)> Occurrences { get; } = new();

        public List<ModelProperty> Properties { get; } = new();

        /// <summary>Another field using this class: its property descriptions are kept only where they agree.</summary>
        public void AddOccurrence(string path, JsonValue schema)
        {
            Occurrences.Add((path, Description(schema)));
            for (var i = 0; i < Properties.Count; i++)
            {
                var other = schema.Get("properties")?.Get(Properties[i].JsonName);
                if (other is not null && Description(other) != Properties[i].Description)
                {
                    Properties[i] = Properties[i] with { Description = null };
                }
            }
        }

        public ModelType Build()
        {
            var paths = new List<string>();
            var description = Occurrences[0].Description;
            foreach (var (path, text) in Occurrences)
            {
                paths.Add(path);
                description = description == text ? description : null;
            }

            // A class shared by several fields keeps a description only when all of them say the same.
            return new ModelType(name, new EquatableArray<string>(paths), description, isRoot, new EquatableArray<ModelProperty>(Properties));
        }
    }
}
