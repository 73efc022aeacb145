using Microsoft.Extensions.Logging;
using Webhook.Sources;

namespace Webhook.Hosting;

/// <summary>Makes the snapshot source the options ask for (a folder, or the API server), and reports its watch restarts.</summary>
public interface ISnapshotSourceFactory
{
    ISnapshotSource Create(ServeOptions options, ILoggerFactory loggers);

    long WatchRestarts { get; }
}
