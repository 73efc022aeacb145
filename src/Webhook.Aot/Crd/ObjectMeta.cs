using System.Text.Json;
using Webhook.Documents;

namespace Webhook.Crd;

/// <summary>
/// Kubernetes object metadata. CRD schemas leave <c>metadata</c> as a bare object because the API server owns its
/// schema, so the generated root model uses this hand-written type. Fields we do not use are kept as read.
/// </summary>
public sealed class ObjectMeta
{
    private static readonly string[] s_knownFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    ];

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>The other metadata fields (uid, resourceVersion, …), kept verbatim and in order.</summary>
    public List<KeyValuePair<string, JsonElement>> Other { get; } = new();

    public static ObjectMeta? Read(ref Utf8JsonReader reader, ModelReadContext context, string path)
    {
        if (!context.ExpectObject(ref reader, path))
        {
            return null;
        }

        var result = new ObjectMeta();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                result.Name = context.ReadString(ref reader, FieldPath.Property(path, "name"));
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                reader.Read();
                result.Namespace = context.ReadString(ref reader, FieldPath.Property(path, "namespace"));
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                result.Labels = ReadStringMap(ref reader, context, FieldPath.Property(path, "labels"));
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                result.Annotations = ReadStringMap(ref reader, context, FieldPath.Property(path, "annotations"));
            }
            else if (Array.IndexOf(s_knownFields, reader.GetString()) >= 0)
            {
                var name = reader.GetString()!;
                reader.Read();
                result.Other.Add(new(name, JsonElement.ParseValue(ref reader)));
            }
            else
            {
                context.UnknownField(ref reader, path, s_knownFields);
            }
        }

        return result;
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Name is not null)
        {
            writer.WriteString("name"u8, Name);
        }

        if (Namespace is not null)
        {
            writer.WriteString("namespace"u8, Namespace);
        }

        WriteStringMap(writer, "labels"u8, Labels);
        WriteStringMap(writer, "annotations"u8, Annotations);
        foreach (var (name, value) in Other)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, string>? ReadStringMap(ref Utf8JsonReader reader, ModelReadContext context, string path)
    {
        if (!context.ExpectObject(ref reader, path))
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (context.ReadString(ref reader, FieldPath.Property(path, key)) is { } value)
            {
                map[key] = value;
            }
        }

        return map;
    }

    private static void WriteStringMap(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Dictionary<string, string>? map)
    {
        if (map is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
