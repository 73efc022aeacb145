namespace Webhook.Injection;

/// <summary>
/// What injection decided for one pod: the JSON Patch (null when nothing changes), warnings and decisions. From an
/// <see cref="InjectionWorkspace"/>, they stay valid until that workspace takes the next pod.
/// </summary>
public readonly record struct MutationResult(ReadOnlyMemory<byte>? Patch, IReadOnlyList<InjectionWarning> Warnings, IReadOnlyList<InjectionDecision> Decisions)
{
    public static MutationResult Unchanged { get; } = new(null, [], []);
}
