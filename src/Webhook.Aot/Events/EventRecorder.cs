using System.Threading.Channels;
using Webhook.Admission;
using Webhook.Injection.Pods;
using Webhook.Injection.Text;

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
    /// Queues the warnings of one answered admission. <paramref name="pod"/> is the pod as injection read it; when
    /// injection failed open it may be partly read or another pod's, so the pod is read again from the review.
    /// </summary>
    public void Record(ReadOnlySpan<byte> review, in AdmissionRequestView view, in AdmissionMutationResult result, PodView pod)
    {
        var warnings = result.Mutation.Warnings;
        if (warnings.Count == 0 || view.DryRun)
        {
            return;
        }

        var subject = result.FailedOpen ? ReadAgain(review[view.Object]) : pod;
        if (subject is null)
        {
            return;
        }

        var ns = TextCache.GetUtf8(review[view.Namespace]);
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

    private static PodView? ReadAgain(ReadOnlySpan<byte> podJson)
    {
        try
        {
            return PodReader.Read(podJson.ToArray());
        }
        catch (PodFormatException)
        {
            // The pod cannot be read at all: no object to attach an Event to; the failed-open log line names the uid.
            return null;
        }
    }
}
