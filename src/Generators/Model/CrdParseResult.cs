// Model types must stay value-equal: the incremental pipeline compares them to decide whether to re-emit.
// The spec and the diagnostics are separate halves so each output step caches on its own half.
namespace Webhook.Generators.Model;

public sealed record CrdParseResult(CrdSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
