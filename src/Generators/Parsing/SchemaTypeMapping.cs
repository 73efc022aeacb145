using System.Collections.Generic;
using System.Text;
using Webhook.Generators.Model;

namespace Webhook.Generators.Parsing;

/// <summary>
/// Every special case of the schema-to-C# mapping, in one place. Everything else follows from the schema.
/// </summary>
public static class SchemaTypeMapping
{
    /// <summary>
    /// The Kubernetes quantity pattern. A CRD marks quantities only by this pattern on an int-or-string, and
    /// users deserve "not a valid quantity" rather than a regular expression in the error.
    /// </summary>
    public const string QuantityPattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>
    /// Array item types named the way Kubernetes names them. The schema carries shapes, not names, and "Env"
    /// or "Attr" would read worse in code than the EnvVar every Kubernetes user knows.
    /// </summary>
    private static readonly Dictionary<string, string> s_itemTypeNames = new()
    {
        ["env"] = "EnvVar",
        ["attrs"] = "EnvVar",
    };

    /// <summary>
    /// Property names too generic to stand alone as type names; their types take the parent's name as prefix
    /// (<c>VolumeClaimTemplateSpec</c>), as Kubernetes' own types do.
    /// </summary>
    private static readonly HashSet<string> s_genericNames = new() { "Spec", "Status", "Metadata" };

    /// <summary>
    /// The root's <c>metadata</c> is ObjectMeta: CRD schemas leave it as a bare object because the API server
    /// owns its schema, so a hand-written model stands in for it.
    /// </summary>
    public static bool IsObjectMeta(string schemaPath) => schemaPath == ".metadata";

    /// <summary>
    /// Whether other object schemas of the same shape may use this schema's class. The resource's own sections
    /// (<c>.spec</c>, <c>.spec.java</c>, <c>.spec.python</c>, …) are its vocabulary and keep a class each even when
    /// they look alike (the NodeJS, Python and .NET blocks do); shapes below them or in lists (EnvVar,
    /// ResourceRequirements, SecurityContext) are Kubernetes types reused everywhere, so identical ones share.
    /// </summary>
    public static bool LendsTypeByShape(string schemaPath)
    {
        var depth = 0;
        foreach (var c in schemaPath)
        {
            if (c == '[')
            {
                return true;
            }

            depth += c == '.' ? 1 : 0;
        }

        return depth > 2;
    }

    /// <summary>The type name a new object schema would like to have, before collisions are resolved.</summary>
    public static string PreferredTypeName(string propertyName, bool isArrayItem, string parentTypeName, bool parentIsRoot)
    {
        if (isArrayItem && s_itemTypeNames.TryGetValue(propertyName, out var itemName))
        {
            return itemName;
        }

        var name = Pascal(isArrayItem ? Singular(propertyName) : propertyName);
        return parentIsRoot || s_genericNames.Contains(name) ? parentTypeName + name : name;
    }

    /// <summary>A C# identifier from a JSON name: <c>ca_file</c> → <c>CaFile</c>, <c>addK8sUIDAttributes</c> → <c>AddK8sUIDAttributes</c>.</summary>
    public static string Pascal(string jsonName)
    {
        var builder = new StringBuilder(jsonName.Length);
        var upperNext = true;
        foreach (var c in jsonName)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, 'V');
        }

        return builder.ToString();
    }

    private static string Singular(string name)
    {
        if (name.EndsWith("ies", System.StringComparison.Ordinal))
        {
            return name.Substring(0, name.Length - 3) + "y";
        }

        if (name.EndsWith("s", System.StringComparison.Ordinal) && !name.EndsWith("ss", System.StringComparison.Ordinal))
        {
            return name.Substring(0, name.Length - 1);
        }

        return name + "Item";
    }

    public static ValueSchema Scalar(ValueKind kind) => new(kind, null, null, EquatableArray<string>.Empty, null, null, null);
}
