// Model types must stay value-equal: the incremental pipeline compares them to decide whether to re-emit.
// Holds the descriptor id and formatted arguments, never a Diagnostic or Location object.
using Microsoft.CodeAnalysis;
using Webhook.Generators.Diagnostics;

namespace Webhook.Generators.Model;

/// <summary>A diagnostic to report, kept as plain values so the pipeline can cache it.</summary>
public sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptors.ById(Id), Location.ToLocation(), arguments);
    }
}
