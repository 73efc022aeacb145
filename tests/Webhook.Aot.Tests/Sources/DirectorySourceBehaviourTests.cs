namespace Webhook.Tests.Sources;

/// <summary>The shared source scenarios against a folder of files.</summary>
public sealed class DirectorySourceBehaviourTests : SnapshotSourceBehaviour
{
    protected override Task<ISourceHarness> CreateHarnessAsync() => Task.FromResult<ISourceHarness>(new DirectoryHarness());
}
