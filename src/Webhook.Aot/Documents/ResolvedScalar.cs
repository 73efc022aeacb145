namespace Webhook.Documents;

/// <summary>A resolved YAML scalar; <see cref="JsonText"/> is its JSON literal for null, booleans and numbers.</summary>
internal readonly record struct ResolvedScalar(ScalarKind Kind, string JsonText)
{
    public static readonly ResolvedScalar String = new(ScalarKind.String, "");
    public static readonly ResolvedScalar Null = new(ScalarKind.Null, "null");
    public static readonly ResolvedScalar True = new(ScalarKind.Boolean, "true");
    public static readonly ResolvedScalar False = new(ScalarKind.Boolean, "false");
    public static readonly ResolvedScalar NonFinite = new(ScalarKind.NonFinite, "");
    public static readonly ResolvedScalar Merge = new(ScalarKind.Merge, "");
}
