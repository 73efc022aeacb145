namespace Webhook.Tests.Reliability;

/// <summary>What goes wrong between the webhook and the API server in <see cref="WatchFaultTests"/>.</summary>
public enum WatchFault
{
    /// <summary>The watch connection is reset halfway through an event.</summary>
    DroppedMidEvent,

    /// <summary>The watched resourceVersion was compacted away: an ERROR event with code 410 on the stream.</summary>
    ExpiredAsErrorEvent,

    /// <summary>The same, answered as HTTP 410 Gone to the new watch.</summary>
    ExpiredAsHttp410,

    /// <summary>The next two watches get HTTP 500 and 503.</summary>
    ServerErrorsOnWatch,

    /// <summary>After a 410, the relists get HTTP 500 and 503.</summary>
    ServerErrorsOnRelist,

    /// <summary>After a 410, the relist gets HTTP 429 with Retry-After: 1.</summary>
    ThrottledRelist,

    /// <summary>After a 410, the relist takes longer than a second to answer.</summary>
    SlowRelist,

    /// <summary>After a 410, the relist never answers until released; it must be abandoned after the list timeout.</summary>
    StalledRelist,

    /// <summary>Lines that are not JSON or not events arrive on the open watch.</summary>
    MalformedEvents,

    /// <summary>An Instrumentation is deleted and created again under the same name with another spec.</summary>
    DeletedAndRecreated,

    /// <summary>The same while the watch is reconnecting after a drop.</summary>
    DeletedAndRecreatedWhileDisconnected,

    /// <summary>The same, and the events are compacted away before the watch reconnects: only a relist shows it.</summary>
    DeletedAndRecreatedAcrossCompaction,
}
