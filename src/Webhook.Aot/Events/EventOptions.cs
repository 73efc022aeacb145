namespace Webhook.Events;

/// <summary>The bounds of Event recording: queue, aggregation, rate limits, API deadline. Tests shorten the intervals.</summary>
public sealed class EventOptions
{
    /// <summary>Warnings waiting to be sent; one more is dropped and counted. 1,024 × a small struct: a few tens of KB.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Distinct Events remembered for aggregation; when full, the one seen longest ago is forgotten.</summary>
    public int MaxSeries { get; init; } = 4096;

    /// <summary>How often a repeated Event's count is patched: a burst of pods costs one PATCH per interval, not one per pod.</summary>
    public TimeSpan SeriesUpdateInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An Event not seen again for this long is forgotten: the next occurrence makes a new Event. Six minutes, as
    /// client-go's event recorder ends a series.
    /// </summary>
    public TimeSpan SeriesWindow { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>Per regarding object: 25 new Events at once, then one per 5 minutes (client-go's spam filter defaults).</summary>
    public int PerObjectBurst { get; init; } = 25;

    public TimeSpan PerObjectRefill { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>All objects together: 100 API requests at once, then 10 per second.</summary>
    public int OverallBurst { get; init; } = 100;

    public TimeSpan OverallRefill { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait for one API request; past it the Event is dropped and counted.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
