namespace Webhook.Events;

/// <summary>A recorder and the sender that empties its queue, running until disposed.</summary>
public sealed class EventPipeline : IAsyncDisposable
{
    private readonly EventSender _sender;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly TimeSpan _drain;

    public EventPipeline(EventRecorder recorder, EventSender sender, TimeSpan drain)
    {
        Recorder = recorder;
        _sender = sender;
        _drain = drain;
        _run = Task.Run(() => sender.RunAsync(_stop.Token));
    }

    public EventRecorder Recorder { get; }

    public string ReportingInstance => _sender.ReportingInstance;

    /// <summary>Lets the sender finish the queued warnings for up to the drain time, then stops it.</summary>
    public async ValueTask DisposeAsync()
    {
        Recorder.Complete();
        try
        {
            await _run.WaitAsync(_drain).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _run.ConfigureAwait(false);
        }

        _sender.Dispose();
        _stop.Dispose();
    }
}
