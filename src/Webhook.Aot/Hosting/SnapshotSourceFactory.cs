using Microsoft.Extensions.Logging;
using Webhook.Sources;

namespace Webhook.Hosting;

/// <summary><c>--instrumentations DIR</c> reads a folder; otherwise the API server (in-cluster or <c>--kubeconfig</c>).</summary>
public sealed class SnapshotSourceFactory : ISnapshotSourceFactory
{
    private KubernetesWatchSource? _watch;

    public long WatchRestarts => _watch?.Statistics.WatchRestarts ?? 0;

    public ISnapshotSource Create(ServeOptions options, ILoggerFactory loggers)
    {
        if (options.InstrumentationsFolder is { } folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException("--instrumentations " + folder + ": no such folder");
            }

            return new DirectorySource(folder, options.Images, loggers.CreateLogger<DirectorySource>(), options.DirectoryPollInterval);
        }

        try
        {
            _watch = new KubernetesWatchSource(KubernetesConnection.Configuration(options.Kubeconfig), options.Images, loggers.CreateLogger<KubernetesWatchSource>());
            return _watch;
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }
}
