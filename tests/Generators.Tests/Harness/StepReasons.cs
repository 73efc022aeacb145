using Microsoft.CodeAnalysis;

namespace Webhook.Generators.Tests.Harness;

/// <summary>The run reason of every output of every tracked step of one generator run, by tracking name.</summary>
public sealed class StepReasons
{
    private readonly IReadOnlyDictionary<string, IncrementalStepRunReason[]> _byName;

    public StepReasons(IReadOnlyDictionary<string, IncrementalStepRunReason[]> byName) => _byName = byName;

    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>The reasons of the step's outputs; fails when the step did not run at all.</summary>
    public IncrementalStepRunReason[] Of(string trackingName)
        => _byName.TryGetValue(trackingName, out var reasons)
            ? reasons
            : throw new Xunit.Sdk.XunitException("Step " + trackingName + " did not run; steps that ran: " + string.Join(", ", _byName.Keys));

    public override string ToString() => string.Join("; ", _byName.Select(p => p.Key + "=" + string.Join("/", p.Value)));
}
