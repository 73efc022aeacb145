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
    /// Fields whose class takes the Kubernetes type's name instead of the field's: Java calls its block
    /// <c>resources</c> where the other languages say <c>resourceRequirements</c>, and the init containers' security
    /// context is a plain SecurityContext. Same name and same shape make one class, so code can treat them alike.
    /// </summary>
    private static readonly Dictionary<string, string> s_propertyTypeNames = new()
    {
        ["resources"] = "ResourceRequirements",
        ["initContainerSecurityContext"] = "SecurityContext",
    };

    /// <summary>Members every generated class has; a schema property with one of these names gets a suffix.</summary>
    private static readonly HashSet<string> s_reservedMembers = new() { "Read", "ReadDocument", "Write" };

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

    /// <summary>The type name a new object schema would like to have, before collisions are resolved.</summary>
    public static string PreferredTypeName(string propertyName, bool isArrayItem, string parentTypeName, bool parentIsRoot)
    {
        if (isArrayItem && s_itemTypeNames.TryGetValue(propertyName, out var itemName))
        {
            return itemName;
        }

        var name = !isArrayItem && s_propertyTypeNames.TryGetValue(propertyName, out var mapped)
            ? mapped
            : Pascal(isArrayItem ? Singular(propertyName) : propertyName);
        return parentIsRoot || s_genericNames.Contains(name) ? parentTypeName + name : name;
    }

    /// <summary>The C# property name for a schema property: Pascal case, with "Value" added where it would clash with the class or its methods.</summary>
    public static string MemberName(string jsonName, string typeName)
    {
        var name = Pascal(jsonName);
        return name == typeName || s_reservedMembers.Contains(name) ? name + "Value" : name;
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
