using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>A source under test, the store it feeds, and a way to change the objects it reads.</summary>
public interface ISourceHarness : IAsyncDisposable
{
    SnapshotStore Store { get; }

    /// <summary>Creates or replaces an Instrumentation or Namespace (JSON as the API server serves it).</summary>
    Task PutAsync(string objectJson);

    Task DeleteAsync(string kind, string? ns, string name);

    /// <summary>Starts the source; objects put before this are there at its first load.</summary>
    void Start();

    bool Logged(Microsoft.Extensions.Logging.LogLevel level, int eventId, string containing);
}
