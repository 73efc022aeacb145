using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Webhook.Tests.Sources;

/// <summary>
/// The events.k8s.io/v1 collection of the fake API server: keeps each created Event, applies series merge patches,
/// and can be told to hold requests without answering (a slow API server) or to refuse them with a status.
/// </summary>
internal sealed class FakeEvents
{
    public const string PathPrefix = "/apis/events.k8s.io/v1/namespaces";

    private readonly ConcurrentDictionary<string, JsonObject> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private TaskCompletionSource? _hold;
    private int _held;

    /// <summary>An HTTP status every request gets instead of being served; 0 serves them.</summary>
    public int FailWith { get; set; }

    /// <summary>Requests as "METHOD path", in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Requests waiting now because of <see cref="Hold"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Copies of the stored events, each taken under the lock a merge patch holds while it changes one.</summary>
    public IReadOnlyList<JsonObject> Stored => [.. _events.Values.Select(Copy)];

    /// <summary>From now on requests wait, unanswered, until <see cref="Release"/> or the client gives up.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    public async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var request = context.Request;
        _requests.Enqueue(request.Method + " " + request.Path);
        if (_hold is { } hold)
        {
            Interlocked.Increment(ref _held);
            try
            {
                using var aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
                await hold.Task.WaitAsync(aborted.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        if (FailWith != 0)
        {
            await Status(context, FailWith, "the fake API server refuses this request");
            return;
        }

        // /apis/events.k8s.io/v1/namespaces/{ns}/events[/{name}]
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
        if (request.Method == "POST" && segments.Length == 6 && segments[5] == "events")
        {
            var name = (string)body["metadata"]!["name"]!;
            // Written before the event is shared: a merge patch may change it as soon as it is stored.
            var created = body.ToJsonString();
            if (!_events.TryAdd(segments[4] + "/" + name, body))
            {
                await Status(context, 409, "events \"" + name + "\" already exists");
                return;
            }

            context.Response.StatusCode = 201;
            await context.Response.WriteAsync(created);
            return;
        }

        if (request.Method == "PATCH" && segments.Length == 7 && request.ContentType == "application/merge-patch+json")
        {
            if (!_events.TryGetValue(segments[4] + "/" + segments[6], out var stored))
            {
                await Status(context, 404, "events \"" + segments[6] + "\" not found");
                return;
            }

            string patched;
            lock (stored)
            {
                foreach (var (key, value) in body)
                {
                    stored[key] = value?.DeepClone();
                }

                patched = stored.ToJsonString();
            }

            await context.Response.WriteAsync(patched);
            return;
        }

        await Status(context, 405, "not served by the fake: " + request.Method + " " + request.Path + " " + request.ContentType);
    }

    private static JsonObject Copy(JsonObject stored)
    {
        lock (stored)
        {
            return (JsonObject)stored.DeepClone();
        }
    }

    public void Delete(string ns, string name) => _events.TryRemove(ns + "/" + name, out _);

    private static Task Status(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["kind"] = "Status", ["status"] = "Failure", ["message"] = message, ["code"] = code }.ToJsonString());
    }
}
