namespace Webhook.Injection;

/// <summary>What injection decided for one pod: the JSON Patch (null when nothing changes), warnings and decisions.</summary>
public sealed record MutationResult(byte[]? Patch, IReadOnlyList<InjectionWarning> Warnings, IReadOnlyList<InjectionDecision> Decisions)
{
    public static MutationResult Unchanged { get; } = new(null, [], []);
}
