using System.Threading.Channels;
using Webhook.Injection;
using Webhook.Injection.Pods;

namespace Webhook.Events;

/// <summary>
/// The admission side of Events: puts each warning of an admission into a bounded queue and returns. It never
/// waits: a full queue drops the warning and counts it. An admission without warnings, or a dry run (the API
/// server stores nothing, and the webhook says <c>sideEffects: NoneOnDryRun</c>), costs one check.
/// </summary>
public sealed class EventRecorder
{
    private readonly Channel<WarningEvent> _queue;

    public EventRecorder(EventOptions options, EventStatistics statistics)
    {
        Statistics = statistics;
        _queue = Channel.CreateBounded<WarningEvent>(new BoundedChannelOptions(options.QueueCapacity)
        {
            // Wait, not DropWrite: TryWrite then answers false when full, so the drop is counted here.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public EventStatistics Statistics { get; }

    internal ChannelReader<WarningEvent> Queue => _queue.Reader;

    /// <summary>
    /// Queues the warnings of one answered admission about <paramref name="subject"/>, a pod of namespace
    /// <paramref name="ns"/> (empty: the pod's own).
    /// </summary>
    public void Record(IReadOnlyList<InjectionWarning> warnings, PodView subject, string ns)
    {
        var regarding = RegardingObject.Of(subject, ns.Length > 0 ? ns : subject.Namespace);
        var now = DateTime.UtcNow;
        for (var i = 0; i < warnings.Count; i++)
        {
            Enqueue(new WarningEvent(regarding, warnings[i].Reason, warnings[i].Message, now));
        }
    }

    /// <summary>Queues one warning; false (and counted) when the queue is full.</summary>
    public bool Enqueue(in WarningEvent occurrence)
    {
        if (_queue.Writer.TryWrite(occurrence))
        {
            return true;
        }

        Statistics.CountQueueFull();
        return false;
    }

    /// <summary>No more warnings: the sender finishes what is queued and stops.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
