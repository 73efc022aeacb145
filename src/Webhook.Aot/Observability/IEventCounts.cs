namespace Webhook.Observability;

/// <summary>What became of admission warnings as Events, as the metrics read it (kept by the Events pipeline).</summary>
public interface IEventCounts
{
    /// <summary>Events created (POST).</summary>
    long Created { get; }

    /// <summary>Series counts brought up to date (PATCH).</summary>
    long Updated { get; }

    /// <summary>Warnings not queued: the queue was full.</summary>
    long DroppedQueueFull { get; }

    /// <summary>New Events not sent: their object, or the webhook as a whole, sent too many lately.</summary>
    long DroppedRateLimited { get; }

    /// <summary>Requests the API server refused, failed or did not answer in time.</summary>
    long DroppedFailed { get; }
}
