// Model types must stay value-equal: the incremental pipeline compares them to decide whether to re-emit.
// Only strings, enums, EquatableArray and other model records here; no symbols, no locations.
namespace Webhook.Generators.Model;

/// <summary>What the CRD schema says, reduced to what the model emitter needs.</summary>
public sealed record CrdSpec(
    string Group,
    string Version,
    string Kind,
    string Plural,
    EquatableArray<ModelType> Types);

/// <summary>One generated class: an object schema, shared by every field whose schema has the same shape and type name.</summary>
public sealed record ModelType(string Name, EquatableArray<string> SchemaPaths, string? Description, bool IsRoot, EquatableArray<ModelProperty> Properties);

/// <summary>One property of a generated class.</summary>
public sealed record ModelProperty(string JsonName, string CsName, string? Description, bool Required, ValueSchema Schema);

public enum ValueKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Number,
    IntOrString,
    Quantity,
    Object,
    Map,
    Array,
    Raw,
    ObjectMeta,
}

/// <summary>The type and constraints of one value; Element describes list items and map values.</summary>
public sealed record ValueSchema(
    ValueKind Kind,
    string? TypeName,
    ValueSchema? Element,
    EquatableArray<string> Enum,
    string? Pattern,
    int? MaxLength,
    string? DefaultJson);
