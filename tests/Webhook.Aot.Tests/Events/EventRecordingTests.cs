using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Webhook.Events;
using Webhook.Tests.Sources;

namespace Webhook.Tests.Events;

/// <summary>Admission warnings become Events on the fake API server: what they say, how repeats count, what never waits.</summary>
public sealed partial class EventRecordingTests
{
    [Fact]
    public async Task Admission_WithWarning_CreatesOneWarningEventAboutTheControllingOwner()
    {
        await using var harness = await EventHarness.StartAsync();

        var (status, answer) = await harness.AdmitAsync(EventHarness.Review("otel"));
        await Eventually.True(() => harness.Events.Stored.Count == 1, "the Event is created");

        var warning = Assert.Single(EventHarness.Warnings(answer));
        var stored = Assert.Single(harness.Events.Stored);
        Assert.Equal(200, status);
        Assert.Equal(["POST /apis/events.k8s.io/v1/namespaces/shop/events"], harness.Events.Requests);
        Assert.Equal("events.k8s.io/v1", (string?)stored["apiVersion"]);
        Assert.Equal("Event", (string?)stored["kind"]);
        Assert.Equal(EventHarness.Namespace, (string?)stored["metadata"]!["namespace"]);
        Assert.StartsWith("web-6d4cf56db6.", (string?)stored["metadata"]!["name"]);
        Assert.Equal("Warning", (string?)stored["type"]);
        Assert.Equal("InstrumentationNotFound", (string?)stored["reason"]);
        Assert.Equal("Inject", (string?)stored["action"]);
        Assert.Equal(warning, (string?)stored["note"]);
        Assert.Equal("opentelemetry.io/otel-webhook", (string?)stored["reportingController"]);
        Assert.Equal(EventHarness.Instance, (string?)stored["reportingInstance"]);
        Assert.Matches(MicroTime(), (string?)stored["eventTime"]);
        Assert.Null(stored["series"]);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["namespace"] = "shop", ["name"] = "web-6d4cf56db6", ["uid"] = "uid-web-6d4cf56db6" },
            stored["regarding"]), stored["regarding"]!.ToJsonString());
    }

    [Fact]
    public async Task Admission_OwnerIsNotTheController_EventIsAboutTheUnnamedPod()
    {
        await using var harness = await EventHarness.StartAsync();

        await harness.AdmitAsync(EventHarness.Review("otel", controller: false));
        await Eventually.True(() => harness.Events.Stored.Count == 1, "the Event is created");

        var regarding = Assert.Single(harness.Events.Stored)["regarding"]!;
        Assert.Equal(("v1", "Pod", "shop", "web-6d4cf56db6-…"), ((string?)regarding["apiVersion"], (string?)regarding["kind"], (string?)regarding["namespace"], (string?)regarding["name"]));
        Assert.StartsWith("web-6d4cf56db6.", (string?)Assert.Single(harness.Events.Stored)["metadata"]!["name"]);
    }

    [Fact]
    public async Task Admissions_Repeated_AggregateIntoOneEventWhoseSeriesCountGrows()
    {
        await using var harness = await EventHarness.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await harness.AdmitAsync(EventHarness.Review("otel"));
        }

        await Eventually.True(() => SeriesCount(harness) == 3, "the series counts three");
        for (var i = 0; i < 2; i++)
        {
            await harness.AdmitAsync(EventHarness.Review("otel"));
        }

        await Eventually.True(() => SeriesCount(harness) == 5, "the series counts five");
        var stored = Assert.Single(harness.Events.Stored);
        Assert.Matches(MicroTime(), (string?)stored["series"]!["lastObservedTime"]);
        Assert.Single(harness.Events.Requests, request => request.StartsWith("POST", StringComparison.Ordinal));
        Assert.All(harness.Events.Requests.Skip(1), request => Assert.Equal("PATCH /apis/events.k8s.io/v1/namespaces/shop/events/" + (string?)stored["metadata"]!["name"], request));
        Assert.Equal((1, 0), (harness.Statistics.Created, harness.Statistics.DroppedFailed));
    }

    [Fact]
    public async Task Admissions_DifferentMessages_AreDifferentEvents()
    {
        await using var harness = await EventHarness.StartAsync();

        await harness.AdmitAsync(EventHarness.Review("first"));
        await harness.AdmitAsync(EventHarness.Review("second"));

        await Eventually.True(() => harness.Statistics.Created == 2, "two Events are created");
        Assert.Equal(2, harness.Events.Stored.Count);
    }

    [Fact]
    public async Task Admission_DryRun_QueuesNothing()
    {
        await using var harness = await EventHarness.StartAsync(startSender: false);

        var (_, dryRunAnswer) = await harness.AdmitAsync(EventHarness.Review("otel", dryRun: true));
        var queuedAfterDryRun = harness.Recorder.Queue.Count;
        await harness.AdmitAsync(EventHarness.Review("otel"));

        Assert.Single(EventHarness.Warnings(dryRunAnswer));
        Assert.Equal(0, queuedAfterDryRun);
        Assert.Equal(1, harness.Recorder.Queue.Count);
    }

    [Fact]
    public async Task Admission_ApiServerHoldsTheRequest_IsAnsweredAndTheQueueBoundHolds()
    {
        var options = new EventOptions { QueueCapacity = 4, SeriesUpdateInterval = TimeSpan.FromMilliseconds(50), RequestTimeout = TimeSpan.FromMinutes(5) };
        await using var harness = await EventHarness.StartAsync(options);
        harness.Events.Hold();

        await harness.AdmitAsync(EventHarness.Review("held"));
        await Eventually.True(() => harness.Events.Held == 1, "the API server holds the first Event");
        var answers = new List<(int Status, JsonObject Answer)>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await harness.AdmitAsync(EventHarness.Review("other-" + i)));
        }

        Assert.All(answers, answer => Assert.Equal((200, true), (answer.Status, (bool)answer.Answer["response"]!["allowed"]!)));
        Assert.All(answers, answer => Assert.Single(EventHarness.Warnings(answer.Answer)));
        Assert.Equal(1, harness.Events.Held);
        Assert.Equal(4, harness.Recorder.Queue.Count);
        Assert.Equal(6, harness.Statistics.DroppedQueueFull);
    }

    [Fact]
    public async Task Sender_ApiServerTooSlow_DropsTheEventLogsAndCountsIt()
    {
        var options = new EventOptions { SeriesUpdateInterval = TimeSpan.FromMilliseconds(50), RequestTimeout = TimeSpan.FromSeconds(1) };
        await using var harness = await EventHarness.StartAsync(options);
        harness.Events.Hold();

        var (status, _) = await harness.AdmitAsync(EventHarness.Review("otel"));
        await Eventually.True(() => harness.Statistics.DroppedFailed == 1, "the Event is dropped after the deadline");

        Assert.Equal(200, status);
        Assert.Equal(0, harness.Statistics.Created);
        Assert.True(harness.Log.Has(LogLevel.Warning, 1303, "no answer within 1 s"), string.Join("\n", harness.Log.Entries));
    }

    [Fact]
    public async Task Sender_ApiServerRefuses_DropsTheEventLogsAndCountsIt()
    {
        await using var harness = await EventHarness.StartAsync();
        harness.Events.FailWith = 403;

        var (status, answer) = await harness.AdmitAsync(EventHarness.Review("otel"));
        await Eventually.True(() => harness.Statistics.DroppedFailed == 1, "the refused Event is counted");

        Assert.Equal(200, status);
        Assert.Single(EventHarness.Warnings(answer));
        Assert.True(harness.Log.Has(LogLevel.Warning, 1303, "HTTP 403"), string.Join("\n", harness.Log.Entries));
        Assert.Empty(harness.Events.Stored);
    }

    [Fact]
    public async Task Sender_ManyEventsAboutOneObject_CreatesOnlyTheBurst()
    {
        var options = new EventOptions { PerObjectBurst = 2, PerObjectRefill = TimeSpan.FromHours(1), SeriesUpdateInterval = TimeSpan.FromMilliseconds(50) };
        await using var harness = await EventHarness.StartAsync(options);

        for (var i = 0; i < 5; i++)
        {
            await harness.AdmitAsync(EventHarness.Review("missing-" + i));
        }

        await harness.AdmitAsync(EventHarness.Review("otel", owner: "api-7c5d"));
        await Eventually.True(() => harness.Statistics.Created + harness.Statistics.DroppedRateLimited == 6, "every warning is handled");

        Assert.Equal((3, 3), (harness.Statistics.Created, harness.Statistics.DroppedRateLimited));
        Assert.Single(harness.Events.Stored, e => (string?)e["regarding"]!["name"] == "api-7c5d");
    }

    [Fact]
    public async Task Sender_SeriesEventDeletedOnTheServer_IsCreatedAgainWithItsCount()
    {
        await using var harness = await EventHarness.StartAsync(new EventOptions { SeriesUpdateInterval = TimeSpan.FromSeconds(1) });
        await harness.AdmitAsync(EventHarness.Review("otel"));
        await Eventually.True(() => harness.Events.Stored.Count == 1, "the Event is created");
        var first = (string)harness.Events.Stored[0]["metadata"]!["name"]!;
        harness.Events.Delete(EventHarness.Namespace, first);

        await harness.AdmitAsync(EventHarness.Review("otel"));
        await Eventually.True(() => harness.Statistics.Created == 2, "the Event is created again");

        Assert.Equal(2, SeriesCount(harness));
        Assert.NotEqual(first, (string?)harness.Events.Stored[0]["metadata"]!["name"]);
    }

    private static int SeriesCount(EventHarness harness)
        => harness.Events.Stored is [var single] && single["series"]?["count"] is { } count ? (int)count : 0;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex MicroTime();
}
