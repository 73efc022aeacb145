namespace Webhook.Generators.Tests.Harness;

/// <summary>Which hand-written files of src/Webhook.Aot go into a compile-and-run test next to the generated code.</summary>
[Flags]
public enum RuntimeParts
{
    /// <summary>Types the generated CRD readers call: src/Webhook.Aot/Crd/*.cs (but the model partials) and Documents/FieldPath.cs.</summary>
    CrdSupport = 1,

    /// <summary>Hand-written partials of generated model classes (files under Crd/ declaring a partial class); they need the real schema's models.</summary>
    CrdModelPartials = 2,

    /// <summary>The rule types the generated injection table instantiates: src/Webhook.Aot/Injection/Table/*.cs.</summary>
    InjectionTable = 4,

    All = CrdSupport | CrdModelPartials | InjectionTable,
}
