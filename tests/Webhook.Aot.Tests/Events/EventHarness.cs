using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Webhook.Admission;
using Webhook.Events;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Observability;
using Webhook.Sources;
using Webhook.Tests.Sources;

namespace Webhook.Tests.Events;

/// <summary>
/// The admission endpoint with an Event recorder, and a sender posting to a <see cref="FakeKubernetesApi"/>: tests
/// send AdmissionReviews and look at the Events the fake API server received.
/// </summary>
internal sealed class EventHarness : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Instance = "otel-webhook-7d9f-abcde";

    /// <summary>Short intervals so that series updates happen within a test; the limits stay out of the way unless a test sets them.</summary>
    public static readonly EventOptions FastOptions = new()
    {
        SeriesUpdateInterval = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private static readonly WebhookMetrics s_metrics = new(() => null, () => 0, () => 0);

    private readonly SocketsHttpHandler _handler = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly MutateEndpoint _endpoint;
    private EventSender? _sender;
    private Task? _run;

    private EventHarness(FakeKubernetesApi server, EventOptions options, bool start)
    {
        Server = server;
        Recorder = new EventRecorder(options, Statistics);
        var store = new SnapshotStore();
        store.Publish(InstrumentationSnapshot.Empty);
        _endpoint = new MutateEndpoint(store, InjectionSettings.Defaults, s_metrics, NullLogger<MutateEndpoint>.Instance, Recorder);
        if (start)
        {
            _sender = new EventSender(Recorder, server.BaseUri, _handler, options, Instance, Log);
            _run = Task.Run(() => _sender.RunAsync(_stop.Token));
        }
    }

    public FakeKubernetesApi Server { get; }

    public FakeEvents Events => Server.Events;

    public EventRecorder Recorder { get; }

    public EventStatistics Statistics { get; } = new();

    public RecordingLogger<EventSender> Log { get; } = new();

    /// <summary>A harness whose sender runs; with <paramref name="startSender"/> false, warnings stay in the queue.</summary>
    public static async Task<EventHarness> StartAsync(EventOptions? options = null, bool startSender = true)
        => new(await FakeKubernetesApi.StartAsync(), options ?? FastOptions, startSender);

    /// <summary>
    /// A pod of ReplicaSet <c>web-6d4cf56db6</c> asking for the Java agent from Instrumentation
    /// <paramref name="instrumentation"/>, which does not exist: the admission warns <c>InstrumentationNotFound</c>
    /// (or <c>NoInstrumentation</c> for "true").
    /// </summary>
    public static byte[] Review(string instrumentation = "otel", bool dryRun = false, string owner = "web-6d4cf56db6", bool controller = true)
        => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["namespace"] = Namespace,
                ["operation"] = "CREATE",
                ["dryRun"] = dryRun,
                ["object"] = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Pod",
                    ["metadata"] = new JsonObject
                    {
                        ["generateName"] = owner + "-",
                        ["annotations"] = new JsonObject { ["instrumentation.opentelemetry.io/inject-java"] = instrumentation },
                        ["ownerReferences"] = new JsonArray(new JsonObject
                        {
                            ["apiVersion"] = "apps/v1",
                            ["kind"] = "ReplicaSet",
                            ["name"] = owner,
                            ["uid"] = "uid-" + owner,
                            ["controller"] = controller,
                            ["blockOwnerDeletion"] = true,
                        }),
                    },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "shop/web:1" }) },
                },
            },
        }.ToJsonString());

    /// <summary>Sends one review through the endpoint as Kestrel would, and returns the AdmissionReview answer.</summary>
    public async Task<(int Status, JsonObject Answer)> AdmitAsync(byte[] review)
    {
        var (status, answer) = await Support.ReviewPost.AnswerAsync(_endpoint.HandleAsync, review);
        return (status, (JsonObject)JsonNode.Parse(answer)!);
    }

    /// <summary>The warnings of an answer.</summary>
    public static List<string> Warnings(JsonObject answer)
        => answer["response"]?["warnings"] is JsonArray warnings ? [.. warnings.Select(w => (string)w!)] : [];

    public async ValueTask DisposeAsync()
    {
        Events.Release();
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Eventually.Deadline);
            _sender!.Dispose();
        }

        _handler.Dispose();
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
