namespace Webhook.Tests.Sources;

/// <summary>The shared source scenarios against a fake API server.</summary>
public sealed class KubernetesWatchSourceBehaviourTests : SnapshotSourceBehaviour
{
    protected override async Task<ISourceHarness> CreateHarnessAsync()
    {
        var harness = await WatchHarness.StartServerAsync();

        // Namespaces answer later than Instrumentations, so a source that published after one list would be caught.
        harness.Server.Namespaces.ListDelay = TimeSpan.FromMilliseconds(150);
        return harness;
    }
}
