using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Webhook.Tests.Sources;

/// <summary>
/// One collection of the fake API server: its objects, the history of events a watch replays from its
/// resourceVersion, the open watches, and the faults scripted for the next requests.
/// </summary>
internal sealed class FakeCollection
{
    private static readonly Stopwatch s_clock = Stopwatch.StartNew();

    private readonly FakeKubernetesApi _api;
    private readonly string _apiVersion;
    private readonly string _listKind;
    private readonly bool _itemsCarryType;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Line)> _history = new();
    private readonly List<Channel<WatchCommand>> _watches = new();
    private readonly Queue<Fault> _listFaults = new();
    private readonly Queue<Fault> _watchFaults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private long _oldestWatchable;
    private TaskCompletionSource? _listHold;

    public FakeCollection(FakeKubernetesApi api, string apiVersion, string listKind, bool itemsCarryType)
    {
        _api = api;
        _apiVersion = apiVersion;
        _listKind = listKind;
        _itemsCarryType = itemsCarryType;
    }

    private enum Command
    {
        Line,
        End,
        Drop,
        Silence,
    }

    /// <summary>How a watch from an expired resourceVersion is refused: an ERROR event on an open stream, as the
    /// real server does, or an HTTP 410 answer.</summary>
    public bool ExpireWithErrorEvent { get; set; } = true;

    /// <summary>How long each list request takes.</summary>
    public TimeSpan ListDelay { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Watches => [.. _requests.Where(r => r.IsWatch)];

    public IReadOnlyList<RecordedRequest> Lists => [.. _requests.Where(r => !r.IsWatch)];

    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Creates or replaces the object; with <paramref name="notify"/> false no watch ever hears of it.</summary>
    public long Put(string json, bool notify = true)
    {
        var item = JsonNode.Parse(json)!.AsObject();
        var metadata = item["metadata"]!.AsObject();
        var key = Key((string?)metadata["namespace"], (string)metadata["name"]!);
        lock (_gate)
        {
            var version = _api.NextResourceVersion();
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            var type = _objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
            _objects[key] = item;
            if (notify)
            {
                Record(version, Event(type, item));
            }

            return version;
        }
    }

    public long Delete(string? ns, string name, bool notify = true)
    {
        lock (_gate)
        {
            var version = _api.NextResourceVersion();
            if (_objects.Remove(Key(ns, name), out var item) && notify)
            {
                item["metadata"]!["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
                Record(version, Event("DELETED", item));
            }

            return version;
        }
    }

    /// <summary>Sends a BOOKMARK at a new resourceVersion (as if other collections changed meanwhile) and returns it.</summary>
    public string Bookmark()
    {
        lock (_gate)
        {
            var version = _api.NextResourceVersion().ToString(CultureInfo.InvariantCulture);
            var bookmark = new JsonObject
            {
                ["type"] = "BOOKMARK",
                ["object"] = new JsonObject { ["kind"] = "Instrumentation", ["metadata"] = new JsonObject { ["resourceVersion"] = version } },
            };
            Send(new WatchCommand(Command.Line, bookmark.ToJsonString()));
            return version;
        }
    }

    /// <summary>Writes a line as is to every open watch.</summary>
    public void PushLine(string line)
    {
        lock (_gate)
        {
            Send(new WatchCommand(Command.Line, line));
        }
    }

    public void PushError(int code) => PushLine(new JsonObject { ["type"] = "ERROR", ["object"] = Status(code) }.ToJsonString());

    /// <summary>Open watches end normally after what they were sent, as when their timeoutSeconds runs out.</summary>
    public void EndWatches()
    {
        lock (_gate)
        {
            Send(new WatchCommand(Command.End, null));
        }
    }

    /// <summary>Open watches write half an event, then their connection is reset.</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            Send(new WatchCommand(Command.Drop, null));
        }
    }

    /// <summary>Open watches stay connected but never send anything again.</summary>
    public void SilenceWatches()
    {
        lock (_gate)
        {
            Send(new WatchCommand(Command.Silence, null));
        }
    }

    /// <summary>Forgets the event history, like etcd compaction: a watch from any earlier resourceVersion is expired.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _oldestWatchable = _api.CurrentResourceVersion;
        }
    }

    public void FailNextList(int status, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            _listFaults.Enqueue(new Fault(status, retryAfterSeconds));
        }
    }

    public void FailNextWatch(int status, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            _watchFaults.Enqueue(new Fault(status, retryAfterSeconds));
        }
    }

    /// <summary>List requests wait until the returned handle is disposed.</summary>
    public IDisposable HoldLists()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _listHold = hold;
        return new Release(() =>
        {
            _listHold = null;
            hold.TrySetResult();
        });
    }

    /// <summary>Serves a list or watch; with <paramref name="namespaceFilter"/>, a list holds only that namespace's objects.</summary>
    internal async Task HandleAsync(HttpContext context, CancellationToken stopping, string? namespaceFilter = null)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var query = context.Request.Query;
        var isWatch = query["watch"] == "1" || query["watch"] == "true";
        _requests.Enqueue(new RecordedRequest(isWatch, query["resourceVersion"], query["continue"],
            int.TryParse(query["limit"], out var limit) ? limit : null, s_clock.Elapsed)
        {
            Authorization = context.Request.Headers.Authorization.ToString(),
            Host = context.Request.Host.Value,
            Path = context.Request.Path.Value ?? "",
            Protocol = context.Request.Protocol,
            ClientCertificateThumbprint = context.Connection.ClientCertificate?.Thumbprint,
        });
        try
        {
            if (isWatch)
            {
                await WatchAsync(context, long.TryParse(query["resourceVersion"], out var from) ? from : 0, aborted.Token);
            }
            else
            {
                await ListAsync(context, limit, query["continue"], namespaceFilter, aborted.Token);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }

    /// <summary>Time on one clock for every request of every collection, for comparing when requests came.</summary>
    public static TimeSpan Now => s_clock.Elapsed;

    private static string Key(string? ns, string name) => ns is null ? name : ns + "/" + name;

    private static string Event(string type, JsonObject item) => new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString();

    private static JsonObject Status(int code) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = code == 410 ? "too old resource version" : "scripted failure " + code,
        ["reason"] = code == 410 ? "Expired" : "InternalError",
        ["code"] = code,
    };

    private static async Task WriteStatusAsync(HttpContext context, Fault fault, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = fault.Status;
        context.Response.ContentType = "application/json";
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(Status(fault.Status).ToJsonString(), cancellationToken);
    }

    private void Record(long version, string line)
    {
        _history.Add((version, line));
        Send(new WatchCommand(Command.Line, line));
    }

    private void Send(WatchCommand command)
    {
        foreach (var watch in _watches)
        {
            watch.Writer.TryWrite(command);
        }
    }

    private async Task ListAsync(HttpContext context, int limit, string? continueToken, string? namespaceFilter, CancellationToken cancellationToken)
    {
        if (_listHold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (ListDelay > TimeSpan.Zero)
        {
            await Task.Delay(ListDelay, cancellationToken);
        }

        JsonObject list;
        Fault? fault = null;
        lock (_gate)
        {
            if (_listFaults.Count > 0)
            {
                fault = _listFaults.Dequeue();
            }

            var start = int.TryParse(continueToken, out var index) ? index : 0;
            var all = _objects.Values.Where(item => namespaceFilter is null || (string?)item["metadata"]!["namespace"] == namespaceFilter).ToList();
            var page = limit > 0 ? all.Skip(start).Take(limit).ToList() : all.Skip(start).ToList();
            var items = new JsonArray();
            foreach (var item in page)
            {
                var copy = item.DeepClone().AsObject();
                if (!_itemsCarryType)
                {
                    copy.Remove("apiVersion");
                    copy.Remove("kind");
                }

                items.Add((JsonNode)copy);
            }

            var metadata = new JsonObject { ["resourceVersion"] = _api.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) };
            if (start + page.Count < all.Count)
            {
                metadata["continue"] = (start + page.Count).ToString(CultureInfo.InvariantCulture);
            }

            list = new JsonObject { ["kind"] = _listKind, ["apiVersion"] = _apiVersion, ["metadata"] = metadata, ["items"] = items };
        }

        if (fault is not null)
        {
            await WriteStatusAsync(context, fault, cancellationToken);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(list.ToJsonString(), cancellationToken);
    }

    private async Task WatchAsync(HttpContext context, long from, CancellationToken cancellationToken)
    {
        Fault? fault = null;
        var expired = false;
        var channel = Channel.CreateUnbounded<WatchCommand>();
        lock (_gate)
        {
            if (_watchFaults.Count > 0)
            {
                fault = _watchFaults.Dequeue();
            }
            else if (from < _oldestWatchable)
            {
                expired = true;
            }
            else
            {
                foreach (var (version, line) in _history)
                {
                    if (version > from)
                    {
                        channel.Writer.TryWrite(new WatchCommand(Command.Line, line));
                    }
                }

                _watches.Add(channel);
            }
        }

        if (fault is not null)
        {
            await WriteStatusAsync(context, fault, cancellationToken);
            return;
        }

        if (expired && !ExpireWithErrorEvent)
        {
            await WriteStatusAsync(context, new Fault(410, null), cancellationToken);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellationToken);
        if (expired)
        {
            await context.Response.WriteAsync(new JsonObject { ["type"] = "ERROR", ["object"] = Status(410) }.ToJsonString() + "\n", cancellationToken);
            return;
        }

        try
        {
            await foreach (var command in channel.Reader.ReadAllAsync(cancellationToken))
            {
                switch (command.Kind)
                {
                    case Command.Line:
                        await context.Response.WriteAsync(command.Line + "\n", cancellationToken);
                        await context.Response.Body.FlushAsync(cancellationToken);
                        break;
                    case Command.End:
                        return;
                    case Command.Drop:
                        await context.Response.WriteAsync("{\"type\":\"MODIFIED\",\"object\":{\"metad", cancellationToken);
                        await context.Response.Body.FlushAsync(cancellationToken);
                        context.Abort();
                        return;
                    case Command.Silence:
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                        return;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watches.Remove(channel);
            }
        }
    }

    private readonly record struct WatchCommand(Command Kind, string? Line);

    private sealed record Fault(int Status, int? RetryAfterSeconds);

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}

/// <summary>A request the fake server received: a watch (with its resourceVersion) or a list page.</summary>
internal sealed record RecordedRequest(bool IsWatch, string? ResourceVersion, string? Continue, int? Limit, TimeSpan At)
{
    public string Authorization { get; init; } = "";

    public string? Host { get; init; }

    public string Path { get; init; } = "";

    public string Protocol { get; init; } = "";

    public string? ClientCertificateThumbprint { get; init; }
}
