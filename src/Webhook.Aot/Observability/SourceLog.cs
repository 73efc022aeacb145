using Microsoft.Extensions.Logging;

namespace Webhook.Observability;

/// <summary>
/// Log messages of the snapshot sources; event ids 2xxx are stable and unique: 20xx shared, 21xx the directory
/// source, 22xx the Kubernetes watch.
/// </summary>
public static partial class SourceLog
{
    [LoggerMessage(2001, LogLevel.Information, "Snapshot from {Source} published: {Instrumentations} Instrumentations, {Namespaces} Namespaces")]
    public static partial void SnapshotPublished(ILogger logger, string source, int instrumentations, int namespaces);

    [LoggerMessage(2002, LogLevel.Warning, "{Problem}; Instrumentation left out of the snapshot until it is fixed")]
    public static partial void InstrumentationLeftOut(ILogger logger, string problem);

    [LoggerMessage(2003, LogLevel.Information, "{Warning}")]
    public static partial void InstrumentationWarning(ILogger logger, string warning);

    [LoggerMessage(2101, LogLevel.Debug, "{Document}: kind {Kind} is not read from the instrumentations folder; skipped")]
    public static partial void DocumentSkipped(ILogger logger, string document, string kind);

    [LoggerMessage(2102, LogLevel.Warning, "{Location}: {Problem}; keeping this file's last good contents")]
    public static partial void FileUnreadable(ILogger logger, string location, string problem);

    [LoggerMessage(2103, LogLevel.Warning, "Instrumentations folder {Folder} could not be listed: {Problem}; keeping the last snapshot")]
    public static partial void FolderUnreadable(ILogger logger, string folder, string problem);

    [LoggerMessage(2104, LogLevel.Warning, "{Location}: Instrumentation {Namespace}/{Name} is also defined in {FirstLocation}; using that one")]
    public static partial void DuplicateInstrumentation(ILogger logger, string location, string @namespace, string name, string firstLocation);

    [LoggerMessage(2105, LogLevel.Error, "Reading instrumentations folder {Folder} failed: {Problem}; keeping the last snapshot and trying again at the next poll")]
    public static partial void FolderRefreshFailed(ILogger logger, Exception exception, string folder, string problem);

    [LoggerMessage(2201, LogLevel.Information, "Listed {Count} {Resource} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string resource, string resourceVersion);

    [LoggerMessage(2202, LogLevel.Debug, "Watching {Resource} from resourceVersion {ResourceVersion}")]
    public static partial void WatchOpened(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(2203, LogLevel.Information, "Watch of {Resource}: resourceVersion {ResourceVersion} expired (410 Gone); listing again")]
    public static partial void WatchExpired(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(2204, LogLevel.Warning, "List of {Resource} failed: {Problem}; retrying in {DelayMs} ms{Hint}")]
    public static partial void ListFailed(ILogger logger, string resource, string problem, long delayMs, string hint);

    [LoggerMessage(2205, LogLevel.Warning, "Watch of {Resource} failed: {Problem}; reconnecting from resourceVersion {ResourceVersion} in {DelayMs} ms")]
    public static partial void WatchFailed(ILogger logger, string resource, string problem, string resourceVersion, long delayMs);

    [LoggerMessage(2206, LogLevel.Warning, "API server answered 429 Too Many Requests for {Resource}; retrying after {DelayMs} ms as it asked")]
    public static partial void Throttled(ILogger logger, string resource, long delayMs);

    [LoggerMessage(2207, LogLevel.Warning, "Watch of {Resource} silent for {SilenceMs} ms (not even a bookmark); restarting it from resourceVersion {ResourceVersion}")]
    public static partial void WatchSilent(ILogger logger, string resource, long silenceMs, string resourceVersion);

    [LoggerMessage(2208, LogLevel.Warning, "Watch of {Resource}: skipped a malformed event ({Problem})")]
    public static partial void MalformedEvent(ILogger logger, string resource, string problem);

    [LoggerMessage(2209, LogLevel.Debug, "Watch of {Resource} ended by the API server at resourceVersion {ResourceVersion}; watching again")]
    public static partial void WatchEnded(ILogger logger, string resource, string resourceVersion);
}
