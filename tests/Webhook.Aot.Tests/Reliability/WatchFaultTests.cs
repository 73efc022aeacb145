using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Webhook.Admission;
using Webhook.Injection;
using Webhook.Sources;
using Webhook.Tests.Sources;

namespace Webhook.Tests.Reliability;

/// <summary>
/// Faults of the API server while the webhook is serving: whatever happens, every snapshot published meanwhile
/// still holds the Instrumentation the fault never touched (shop/b), pods asking for it are injected, and the
/// source converges on the cluster's state within the watchdog period.
/// </summary>
public sealed class WatchFaultTests
{
    /// <summary>The silence limit of these tests; every fault must be over well before a silent watch would be restarted.</summary>
    private static readonly TimeSpan s_watchdogPeriod = TimeSpan.FromSeconds(8);

    private static readonly WatchOptions s_options = WatchHarness.FastOptions with
    {
        SilenceLimit = s_watchdogPeriod,
        ListTimeout = TimeSpan.FromSeconds(3),
    };

    private const string RecreatedEndpoint = "http://recreated:4318";

    [Theory]
    [InlineData(WatchFault.DroppedMidEvent)]
    [InlineData(WatchFault.ExpiredAsErrorEvent)]
    [InlineData(WatchFault.ExpiredAsHttp410)]
    [InlineData(WatchFault.ServerErrorsOnWatch)]
    [InlineData(WatchFault.ServerErrorsOnRelist)]
    [InlineData(WatchFault.ThrottledRelist)]
    [InlineData(WatchFault.SlowRelist)]
    [InlineData(WatchFault.StalledRelist)]
    [InlineData(WatchFault.MalformedEvents)]
    [InlineData(WatchFault.DeletedAndRecreated)]
    [InlineData(WatchFault.DeletedAndRecreatedWhileDisconnected)]
    [InlineData(WatchFault.DeletedAndRecreatedAcrossCompaction)]
    public async Task Watch_Fault_ServesLastSnapshotMeanwhileAndConvergesWithinTheWatchdogPeriod(WatchFault fault)
    {
        await using var harness = await StartedAsync();
        using var recorder = new SnapshotRecorder(harness.Store);
        var clock = Stopwatch.StartNew();

        using (await InjectAsync(harness, fault))
        {
            Assert.True(InjectsFromB(harness.Store), "a pod asking for shop/b is injected while the fault lasts");
        }

        await Eventually.True(() => Converged(harness.Store, fault), "the state after " + fault, s_watchdogPeriod);
        Assert.True(clock.Elapsed < s_watchdogPeriod, "converged after " + clock.Elapsed);
        Assert.NotEmpty(recorder.Published);
        Assert.All(recorder.Published, snapshot => Assert.NotNull(snapshot.Find("shop", "b")));
        Assert.True(InjectsFromB(harness.Store));
    }

    [Fact]
    public async Task Watch_StalledRelist_AbandonedAfterTheListTimeoutAndRetried()
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;

        using (await InjectAsync(harness, WatchFault.StalledRelist))
        {
            await Eventually.True(() => api.Lists.Count >= 3, "a second relist after the first was abandoned", s_watchdogPeriod);
        }

        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null, "the relisted state", s_watchdogPeriod);
        Assert.True(harness.Log.Has(LogLevel.Warning, 2204, "no complete answer within"));
    }

    [Fact]
    public async Task Watch_ThrottledRelist_WaitsForRetryAfterBeforeListingAgain()
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;

        using (await InjectAsync(harness, WatchFault.ThrottledRelist))
        {
        }

        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null, "the relisted state", s_watchdogPeriod);
        var lists = api.Lists;
        Assert.Equal(3, lists.Count);
        Assert.True(lists[2].At - lists[1].At >= TimeSpan.FromMilliseconds(900), "waited for Retry-After");
    }

    /// <summary>Applies the fault and the change only recovery can reveal; the returned handle ends a held fault.</summary>
    private static async Task<IDisposable> InjectAsync(WatchHarness harness, WatchFault fault)
    {
        var api = harness.Server.Instrumentations;
        var newObject = TestObjects.Instrumentation("shop", "c");
        var recreated = TestObjects.Instrumentation("shop", "a", RecreatedEndpoint);
        IDisposable held = new NothingHeld();
        switch (fault)
        {
            case WatchFault.DroppedMidEvent:
                api.DropWatches();
                api.Put(newObject);
                break;
            case WatchFault.ExpiredAsErrorEvent or WatchFault.ExpiredAsHttp410:
                api.ExpireWithErrorEvent = fault == WatchFault.ExpiredAsErrorEvent;
                ChangeUnseenThenExpire(api, () => api.Put(newObject, notify: false));
                break;
            case WatchFault.ServerErrorsOnWatch:
                api.FailNextWatch(500);
                api.FailNextWatch(503);
                api.EndWatches();
                api.Put(newObject);
                break;
            case WatchFault.ServerErrorsOnRelist:
                api.FailNextList(500);
                api.FailNextList(503);
                ChangeUnseenThenExpire(api, () => api.Put(newObject, notify: false));
                break;
            case WatchFault.ThrottledRelist:
                api.FailNextList(429, retryAfterSeconds: 1);
                ChangeUnseenThenExpire(api, () => api.Put(newObject, notify: false));
                break;
            case WatchFault.SlowRelist:
                api.ListDelay = TimeSpan.FromMilliseconds(1500);
                ChangeUnseenThenExpire(api, () => api.Put(newObject, notify: false));
                await Eventually.True(() => api.Lists.Count == 2, "the slow relist", s_watchdogPeriod);
                break;
            case WatchFault.StalledRelist:
                held = api.HoldLists();
                ChangeUnseenThenExpire(api, () => api.Put(newObject, notify: false));
                await Eventually.True(() => api.Lists.Count == 2, "the stalled relist", s_watchdogPeriod);
                break;
            case WatchFault.MalformedEvents:
                api.PushLine("{not json");
                api.PushLine("{\"type\":\"MODIFIED\",\"object\":{\"spec\":{}}}");
                api.PushLine("{\"type\":\"DELETED\",\"object\":[]}");
                api.Put(newObject);
                break;
            case WatchFault.DeletedAndRecreated:
                api.Delete("shop", "a");
                api.Put(recreated);
                break;
            case WatchFault.DeletedAndRecreatedWhileDisconnected:
                api.DropWatches();
                api.Delete("shop", "a");
                api.Put(recreated);
                break;
            case WatchFault.DeletedAndRecreatedAcrossCompaction:
                ChangeUnseenThenExpire(api, () =>
                {
                    api.Delete("shop", "a", notify: false);
                    api.Put(recreated, notify: false);
                });
                break;
        }

        return held;
    }

    /// <summary>Changes no watch hears of, then history compacted and the watch dropped: only a relist can see them.</summary>
    private static void ChangeUnseenThenExpire(FakeCollection api, Action change)
    {
        change();
        api.Compact();
        api.DropWatches();
    }

    private static bool Converged(SnapshotStore store, WatchFault fault) => fault switch
    {
        WatchFault.DeletedAndRecreated or WatchFault.DeletedAndRecreatedWhileDisconnected or WatchFault.DeletedAndRecreatedAcrossCompaction
            => store.Current.Find("shop", "a")?.Spec?.Exporter?.Endpoint == RecreatedEndpoint,
        _ => store.Current.Find("shop", "c") is not null,
    };

    /// <summary>Admits a pod asking for shop/b against what the store serves now, as the endpoint would.</summary>
    private static bool InjectsFromB(SnapshotStore store)
    {
        var review = Encoding.UTF8.GetBytes("""
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","kind":{"group":"","version":"v1","kind":"Pod"},
            "namespace":"shop","operation":"CREATE","object":{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"b"}},
            "spec":{"containers":[{"name":"app","image":"app:1"}]}}}}
            """);
        var result = AdmissionMutation.Handle(review, AdmissionReader.Read(review), store.Current, InjectionSettings.Defaults);
        return result.Mutation.Patch is not null;
    }

    private static async Task<WatchHarness> StartedAsync()
    {
        var harness = await WatchHarness.StartServerAsync(s_options);
        await harness.PutAsync(TestObjects.Instrumentation("shop", "a"));
        await harness.PutAsync(TestObjects.Instrumentation("shop", "b"));
        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded && harness.Server.Instrumentations.OpenWatches == 1, "the first snapshot and an open watch");
        return harness;
    }

    private sealed class NothingHeld : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
