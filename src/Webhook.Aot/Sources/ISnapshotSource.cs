namespace Webhook.Sources;

/// <summary>
/// Where Instrumentations and Namespaces come from (a folder, or the API server). A source runs until cancelled,
/// publishing a complete snapshot to the store whenever what it knows changes; it never publishes a half-read state.
/// </summary>
public interface ISnapshotSource
{
    /// <summary>For logs and metrics: <c>directory</c>, <c>kubernetes</c>.</summary>
    string Name { get; }

    Task RunAsync(SnapshotStore store, CancellationToken cancellationToken);
}
