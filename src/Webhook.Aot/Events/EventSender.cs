using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Webhook.Observability;
using Webhook.Sources;

namespace Webhook.Events;

/// <summary>
/// The background half of Events: takes queued warnings one by one, counts a repeat of an Event sent lately instead
/// of sending it again, creates new Events within the rate limits, and patches the <c>series</c> of repeated Events
/// once per <see cref="EventOptions.SeriesUpdateInterval"/>. Every API request has a deadline; a failure is logged,
/// counted and the Event dropped. Nothing here ever holds up an admission: the queue between is bounded and lossy.
/// </summary>
public sealed class EventSender : IDisposable
{
    private readonly EventRecorder _recorder;
    private readonly EventsApi _api;
    private readonly EventOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;
    private readonly EventSeriesCache _series;
    private readonly EventRateLimiter _limits;
    private readonly ArrayBufferWriter<byte> _body = new(2048);
    private readonly Utf8JsonWriter _writer;
    private long _lastUnique;

    internal EventSender(EventRecorder recorder, EventsApi api, EventOptions options, string reportingInstance, ILogger log, TimeProvider? clock = null)
    {
        _recorder = recorder;
        _api = api;
        _options = options;
        _log = log;
        _clock = clock ?? TimeProvider.System;
        ReportingInstance = reportingInstance;
        _series = new EventSeriesCache(options);
        _limits = new EventRateLimiter(options, Now);
        _writer = new Utf8JsonWriter(_body);
    }

    /// <summary>Sends to <paramref name="baseUri"/> over plain HTTP through <paramref name="handler"/> (the caller's to dispose).</summary>
    public EventSender(EventRecorder recorder, Uri baseUri, HttpMessageHandler handler, EventOptions options, string reportingInstance, ILogger log)
        : this(recorder, new EventsApi(baseUri, handler), options, reportingInstance, log)
    {
    }

    public string ReportingInstance { get; }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the recorder is completed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = _recorder.Queue;
        Task<bool>? waiting = null;
        try
        {
            while (true)
            {
                waiting ??= queue.WaitToReadAsync(cancellationToken).AsTask();
                if (!waiting.IsCompleted)
                {
                    await Task.WhenAny(waiting, Task.Delay(_options.SeriesUpdateInterval, _clock, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (waiting.IsCompleted)
                {
                    if (!await waiting.ConfigureAwait(false))
                    {
                        return;
                    }

                    waiting = null;

                    // A bounded round, so series updates still go out while warnings keep coming.
                    for (var i = 0; i < _options.QueueCapacity && queue.TryRead(out var occurrence); i++)
                    {
                        await HandleAsync(occurrence, cancellationToken).ConfigureAwait(false);
                    }
                }

                await UpdateSeriesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _api.Dispose();
    }

    private async Task HandleAsync(WarningEvent occurrence, CancellationToken cancellationToken)
    {
        if (_series.TryCountRepeat(occurrence))
        {
            return;
        }

        var now = Now;
        if (!_limits.TryCreate(occurrence.Regarding, now))
        {
            _recorder.Statistics.CountRateLimited();
            return;
        }

        var name = EventText.EventName(occurrence.Regarding.Name, Unique(now));
        if (await CreateAsync(occurrence, name, series: null, cancellationToken).ConfigureAwait(false))
        {
            _series.Add(occurrence, name, count: 1, now);
        }
    }

    private async Task UpdateSeriesAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        foreach (var entry in _series.DueForUpdate(now))
        {
            if (!_limits.TryUpdate(now))
            {
                // Left due: the next round tries again.
                break;
            }

            var series = entry.Series;
            var sent = await PatchAsync(entry, series, cancellationToken).ConfigureAwait(false);
            if (sent == PatchResult.Gone)
            {
                // Expired or deleted on the server: create it again, series included, as client-go does.
                entry.Name = EventText.EventName(entry.First.Regarding.Name, Unique(now));
                sent = await CreateAsync(entry.First, entry.Name, series, cancellationToken).ConfigureAwait(false) ? PatchResult.Sent : PatchResult.Failed;
            }

            if (sent == PatchResult.Sent)
            {
                entry.ReportedCount = series.Count;
                entry.LastReported = now;
            }
            else
            {
                _series.Forget(entry);
            }
        }

        _series.Expire(now);
        _limits.Prune(now);
    }

    private async Task<bool> CreateAsync(WarningEvent occurrence, string name, EventSeries? series, CancellationToken cancellationToken)
    {
        Write(writer => EventJson.WriteEvent(writer, name, occurrence, EventReasons.Of(occurrence.Reason), ReportingInstance, series));
        try
        {
            using var deadline = Deadline(cancellationToken);
            await _api.CreateAsync(occurrence.Regarding.Namespace, _body.WrittenMemory, deadline.Token).ConfigureAwait(false);
            _recorder.Statistics.CountCreated();
            return true;
        }
        catch (Exception e) when (IsApiFailure(e, cancellationToken))
        {
            Failed(occurrence, e);
            return false;
        }
    }

    private async Task<PatchResult> PatchAsync(EventSeriesCache.Entry entry, EventSeries series, CancellationToken cancellationToken)
    {
        Write(writer => EventJson.WriteSeriesPatch(writer, series));
        try
        {
            using var deadline = Deadline(cancellationToken);
            await _api.PatchAsync(entry.First.Regarding.Namespace, entry.Name, _body.WrittenMemory, deadline.Token).ConfigureAwait(false);
            _recorder.Statistics.CountUpdated();
            return PatchResult.Sent;
        }
        catch (ApiStatusException e) when (e.StatusCode == 404)
        {
            return PatchResult.Gone;
        }
        catch (Exception e) when (IsApiFailure(e, cancellationToken))
        {
            Failed(entry.First, e);
            return PatchResult.Failed;
        }
    }

    private void Write(Action<Utf8JsonWriter> write)
    {
        _body.ResetWrittenCount();
        _writer.Reset(_body);
        write(_writer);
        _writer.Flush();
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        return deadline;
    }

    /// <summary>Any failure of the request but the sender's own stop: a status, a connection error, the deadline.</summary>
    private static bool IsApiFailure(Exception e, CancellationToken stopping)
        => e is ApiStatusException or HttpRequestException or IOException || (e is OperationCanceledException && !stopping.IsCancellationRequested);

    private void Failed(in WarningEvent occurrence, Exception e)
    {
        var problem = e is OperationCanceledException ? "no answer within " + _options.RequestTimeout.TotalSeconds + " s" : e.Message;
        Log.EventDropped(_log, EventReasons.Of(occurrence.Reason), occurrence.Regarding.Kind, occurrence.Regarding.Name, occurrence.Regarding.Namespace, problem);

        // Counted after the log line, so whoever sees the count also finds the line.
        _recorder.Statistics.CountFailed();
    }

    /// <summary>Nanoseconds since the epoch, strictly increasing, so two Events made in one tick still get two names.</summary>
    private long Unique(DateTime now)
    {
        var nanoseconds = (now - DateTime.UnixEpoch).Ticks * 100;
        _lastUnique = Math.Max(_lastUnique + 1, nanoseconds);
        return _lastUnique;
    }

    private enum PatchResult
    {
        Sent,
        Gone,
        Failed,
    }
}
