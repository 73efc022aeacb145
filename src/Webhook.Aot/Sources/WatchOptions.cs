namespace Webhook.Sources;

/// <summary>Timings of the Kubernetes list+watch; the defaults suit a real cluster, tests shorten them.</summary>
public sealed record WatchOptions
{
    /// <summary>
    /// The <c>timeoutSeconds</c> asked of the API server (jittered down by up to a fifth). Below the default
    /// <see cref="SilenceLimit"/>, so a healthy server always ends a quiet watch before the watchdog would.
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromSeconds(290);

    /// <summary>A watch that sends nothing (no event, no bookmark) for this long is assumed dead and restarted.</summary>
    public TimeSpan SilenceLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a list request may take before it is abandoned and retried.</summary>
    public TimeSpan ListTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Changes arriving within this window are published as one snapshot.</summary>
    public TimeSpan Coalesce { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A 429's Retry-After is honoured up to this long, so a bogus header cannot stop the watch for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Objects per list page (<c>limit</c>); later pages follow <c>metadata.continue</c>.</summary>
    public int ListPageSize { get; init; } = 500;
}
