using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Webhook.Generators.Tests.Harness;

/// <summary>
/// Looks inside pipeline step outputs for objects that must never be cached: a Compilation, a symbol, a syntax
/// node or a Location keeps a whole compilation alive and defeats caching. Walks tuples, collections and the public
/// properties of the generators' own model types.
/// </summary>
public static class StepOutputWalker
{
    private static readonly Assembly s_generatorAssembly = typeof(TrackingNames).Assembly;

    /// <summary>Where each forbidden object sits, as a path from <paramref name="root"/>; empty when there is none.</summary>
    public static List<string> FindForbidden(object? value, string root)
    {
        var found = new List<string>();
        Walk(value, root, found, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> seen)
    {
        switch (value)
        {
            case null or string or Enum:
                return;
            case Compilation or ISymbol or SyntaxNode or Location:
                found.Add(path + " is a " + value.GetType().Name);
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || (!type.IsValueType && !seen.Add(value)))
        {
            return;
        }

        if (value is ITuple tuple)
        {
            for (var i = 0; i < tuple.Length; i++)
            {
                Walk(tuple[i], path + ".Item" + (i + 1), found, seen);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, path + "[" + index++ + "]", found, seen);
            }

            return;
        }

        if (type.Assembly != s_generatorAssembly)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                Walk(property.GetValue(value), path + "." + property.Name, found, seen);
            }
        }
    }
}
