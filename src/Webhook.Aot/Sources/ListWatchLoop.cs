using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Webhook.Observability;

namespace Webhook.Sources;

/// <summary>
/// Keeps one resource's objects current: lists them, then watches from the list's resourceVersion; lists again
/// when that version expired (410 Gone); reconnects after drops and errors with backoff; restarts a watch that
/// went silent. Each change replaces an entry and calls <c>changed</c>; the caller builds snapshots from
/// <see cref="Entries"/>.
/// </summary>
internal sealed class ListWatchLoop
{
    /// <summary>A watch the server closes this quickly without sending anything counts as a failure, so a
    /// misbehaving server cannot make the loop spin.</summary>
    private static readonly TimeSpan s_minimumQuietWatch = TimeSpan.FromSeconds(1);

    private readonly WatchedResource _resource;
    private readonly ApiServerClient _api;
    private readonly Func<ApiObject, SnapshotEntry> _read;
    private readonly Action _changed;
    private readonly WatchOptions _options;
    private readonly WatchStatistics _statistics;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private Dictionary<string, SnapshotEntry> _entries = new(StringComparer.Ordinal);
    private string _resourceVersion = "";
    private volatile bool _listed;

    public ListWatchLoop(WatchedResource resource, ApiServerClient api, Func<ApiObject, SnapshotEntry> read, Action changed,
        WatchOptions options, WatchStatistics statistics, ILogger log)
    {
        _resource = resource;
        _api = api;
        _read = read;
        _changed = changed;
        _options = options;
        _statistics = statistics;
        _log = log;
    }

    private enum WatchEnd
    {
        ClosedByServer,
        Expired,
        Silent,
    }

    /// <summary>Whether the first complete list has been read; until then <see cref="Entries"/> is not the cluster's state.</summary>
    public bool HasListed => _listed;

    public SnapshotEntry[] Entries()
    {
        lock (_gate)
        {
            return [.. _entries.Values];
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        var mustList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                if (mustList)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    mustList = false;
                    backoff.Reset();
                }

                switch (await WatchAsync(backoff, cancellationToken).ConfigureAwait(false))
                {
                    case WatchEnd.Expired:
                        mustList = Expired();
                        break;
                    case WatchEnd.Silent:
                        SourceLog.WatchSilent(_log, _resource.Plural, (long)_options.SilenceLimit.TotalMilliseconds, ResourceVersion);
                        _statistics.WatchdogRestarted();
                        _statistics.WatchRestarted();
                        break;
                }

                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiStatusException e) when (e.IsGone && !mustList)
            {
                mustList = Expired();
                continue;
            }
            catch (Exception e)
            {
                // A list answered 410 (its continue token expired) starts over from the first page, after a delay.
                delay = DelayAfter(e, backoff);
                if (e is ApiStatusException { IsTooManyRequests: true })
                {
                    SourceLog.Throttled(_log, _resource.Plural, (long)delay.TotalMilliseconds);
                }
                else if (mustList)
                {
                    SourceLog.ListFailed(_log, _resource.Plural, e.Message, (long)delay.TotalMilliseconds, HintFor(e));
                }
                else
                {
                    SourceLog.WatchFailed(_log, _resource.Plural, e.Message, ResourceVersion, (long)delay.TotalMilliseconds);
                }

                if (!mustList)
                {
                    _statistics.WatchRestarted();
                }
            }

            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    private bool Expired()
    {
        SourceLog.WatchExpired(_log, _resource.Plural, ResourceVersion);
        if (_listed)
        {
            _statistics.Relisted();
            _statistics.WatchRestarted();
        }

        return true;
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ListTimeout);
        var entries = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        string? continueToken = null;
        string resourceVersion;
        try
        {
            do
            {
                var page = await _api.ListAsync(_resource, _options.ListPageSize, continueToken, timeout.Token).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    entries[item.Key] = _read(item);
                }

                foreach (var problem in page.Problems)
                {
                    _statistics.MalformedEvent();
                    SourceLog.MalformedEvent(_log, _resource.Plural, "list " + problem);
                }

                continueToken = page.Continue;
                resourceVersion = page.ResourceVersion;
            }
            while (continueToken is not null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("no complete answer within " + _options.ListTimeout);
        }

        lock (_gate)
        {
            _entries = entries;
            _resourceVersion = resourceVersion;
        }

        _listed = true;
        SourceLog.Listed(_log, entries.Count, _resource.Plural, resourceVersion);
        _changed();
    }

    private async Task<WatchEnd> WatchAsync(Backoff backoff, CancellationToken cancellationToken)
    {
        // Re-armed on every line: a connection that died without a FIN (node gone, NAT entry dropped) otherwise
        // blocks the read for ever; bookmarks keep a healthy quiet watch alive.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(_options.SilenceLimit);
        var started = Stopwatch.GetTimestamp();
        var lines = 0;
        var from = ResourceVersion;
        SourceLog.WatchOpened(_log, _resource.Plural, from);
        try
        {
            using var response = await _api.WatchAsync(_resource, from, TimeoutSeconds(), watchdog.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var reader = new WatchLineReader(body);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadLineAsync(watchdog.Token).ConfigureAwait(false) is { } line)
                    {
                        watchdog.CancelAfter(_options.SilenceLimit);
                        if (lines++ == 0)
                        {
                            backoff.Reset();
                        }

                        if (Apply(line))
                        {
                            return WatchEnd.Expired;
                        }
                    }
                }
            }
        }
        catch (Exception) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return WatchEnd.Silent;
        }

        if (lines == 0 && Stopwatch.GetElapsedTime(started) < s_minimumQuietWatch)
        {
            throw new IOException("the API server ended the watch at once without sending anything");
        }

        SourceLog.WatchEnded(_log, _resource.Plural, ResourceVersion);
        return WatchEnd.ClosedByServer;
    }

    /// <summary>Applies one event; true when the server says the watched resourceVersion expired.</summary>
    private bool Apply(byte[] line)
    {
        if (!WatchEvent.TryParse(line, _resource, out var watchEvent, out var problem))
        {
            _statistics.MalformedEvent();
            SourceLog.MalformedEvent(_log, _resource.Plural, problem);
            return false;
        }

        switch (watchEvent.Type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                var apiObject = watchEvent.Object!;
                var entry = _read(apiObject);
                lock (_gate)
                {
                    _entries[apiObject.Key] = entry;
                    _resourceVersion = apiObject.ResourceVersion ?? _resourceVersion;
                }

                _changed();
                return false;
            case WatchEventType.Deleted:
                lock (_gate)
                {
                    _entries.Remove(watchEvent.Object!.Key);
                    _resourceVersion = watchEvent.Object.ResourceVersion ?? _resourceVersion;
                }

                _changed();
                return false;
            case WatchEventType.Bookmark:
                lock (_gate)
                {
                    _resourceVersion = watchEvent.ResourceVersion!;
                }

                return false;
            default:
                if (watchEvent.ErrorCode == 410)
                {
                    return true;
                }

                throw new ApiStatusException(watchEvent.ErrorCode, "ERROR event " + watchEvent.ErrorCode + ": " + watchEvent.ErrorMessage);
        }
    }

    /// <summary>The server's Retry-After when it sent one (429, or 503 while it starts), else the next backoff.</summary>
    private TimeSpan DelayAfter(Exception failure, Backoff backoff) => failure is ApiStatusException { RetryAfter: { } retryAfter }
        ? (retryAfter < _options.MaxRetryAfter ? retryAfter : _options.MaxRetryAfter)
        : backoff.Next();

    private string HintFor(Exception failure) => failure switch
    {
        ApiStatusException { StatusCode: 401 or 403 } =>
            "; the service account needs get, list and watch on " + _resource.Plural + " (see the manifests command)",
        ApiStatusException { StatusCode: 404 } when _resource == WatchedResource.Instrumentations =>
            "; is the Instrumentation CRD installed? (see the manifests command)",
        _ => "",
    };

    /// <summary>Jittered down by up to a fifth so replicas' watches do not all end together.</summary>
    private int TimeoutSeconds()
    {
        var seconds = _options.WatchTimeout.TotalSeconds * (0.8 + 0.2 * Random.Shared.NextDouble());
        return Math.Max(1, (int)seconds);
    }
}
