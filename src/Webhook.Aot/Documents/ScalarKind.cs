namespace Webhook.Documents;

/// <summary>What a YAML scalar means once resolved.</summary>
internal enum ScalarKind
{
    String,
    Null,
    Boolean,
    Integer,
    Float,

    /// <summary><c>.inf</c>, <c>-.inf</c>, <c>.nan</c>: floats that JSON cannot hold.</summary>
    NonFinite,

    /// <summary>The merge key <c>&lt;&lt;</c>.</summary>
    Merge,
}
