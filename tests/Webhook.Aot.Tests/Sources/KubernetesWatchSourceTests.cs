using Microsoft.Extensions.Logging;
using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>What only the API server source does: relist on 410, reconnects, the watchdog, throttling, bookmarks.</summary>
public sealed class KubernetesWatchSourceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_WatchedVersionExpired_RelistsAndConverges(bool asErrorEvent)
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;
        api.ExpireWithErrorEvent = asErrorEvent;

        // Changes no watch hears of, then the history is compacted: only a new list can see them.
        api.Delete("shop", "a", notify: false);
        api.Put(TestObjects.Instrumentation("shop", "c"), notify: false);
        api.Compact();
        api.DropWatches();

        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null && harness.Store.Current.Find("shop", "a") is null,
            "the relisted state");
        Assert.NotNull(harness.Store.Current.Find("shop", "b"));
        Assert.Equal(1, harness.Source.Statistics.Relists);
        Assert.Equal(2, api.Lists.Count);
        Assert.True(harness.Log.Has(LogLevel.Information, 2203, "instrumentations"));
    }

    [Fact]
    public async Task Run_ErrorEvent410OnOpenWatch_Relists()
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;
        api.Put(TestObjects.Instrumentation("shop", "c"), notify: false);

        api.PushError(410);

        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null, "the relisted state");
        Assert.Equal(1, harness.Source.Statistics.Relists);
    }

    [Fact]
    public async Task Run_ConnectionDroppedMidEvent_ReconnectsFromLastVersionAndConverges()
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;

        api.DropWatches();
        api.Put(TestObjects.Instrumentation("shop", "c"));

        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null, "the event sent after the drop");
        Assert.True(harness.Source.Statistics.WatchRestarts >= 1);
        Assert.Equal(0, harness.Source.Statistics.MalformedEvents);
        Assert.Single(api.Lists);
        Assert.Equal(api.Watches[0].ResourceVersion, api.Watches[1].ResourceVersion);
    }

    [Fact]
    public async Task Run_WatchSilent_WatchdogRestartsItWhileBookmarksKeepItAlive()
    {
        // Generous: the whole suite runs in parallel on two cores, and a blocking collection in another test stalls
        // every thread of this process, the bookmarks' sender and the watch's reader alike.
        var silenceLimit = TimeSpan.FromSeconds(5);
        await using var harness = await StartedAsync(WatchHarness.FastOptions with { SilenceLimit = silenceLimit });
        var api = harness.Server.Instrumentations;
        using var heartbeat = new CancellationTokenSource();
        var bookmarks = SendBookmarksAsync(harness, heartbeat.Token);

        // Time must pass to show that bookmarks keep a watch alive past the limit; they arrive every 100 ms, so only a
        // stall of the whole machine for five seconds would restart it.
        await Task.Delay(silenceLimit * 2);
        Assert.Equal(0, harness.Source.Statistics.WatchdogRestarts);
        Assert.Single(api.Watches);

        var silencedAt = FakeCollection.Now;
        api.SilenceWatches();
        api.Put(TestObjects.Instrumentation("shop", "c"));
        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null, "the event replayed to the restarted watch", silenceLimit + Eventually.Deadline);
        var restarts = harness.Source.Statistics.WatchdogRestarts;
        await heartbeat.CancelAsync();
        await bookmarks;

        Assert.Equal(1, restarts);
        // A lower bound only, which a slow machine cannot break; the half second allows for a bookmark already on its way.
        Assert.True(api.Watches[1].At - silencedAt >= silenceLimit - TimeSpan.FromSeconds(0.5), "restarted only once the watch had been silent for the limit");
        Assert.True(harness.Log.Has(LogLevel.Warning, 2207, "instrumentations"));
    }

    [Fact]
    public async Task Run_TooManyRequestsWithRetryAfter_WaitsThatLongBeforeRetrying()
    {
        await using var harness = await WatchHarness.StartServerAsync();
        var api = harness.Server.Instrumentations;
        api.FailNextWatch(429, retryAfterSeconds: 1);

        harness.Start();
        await Eventually.True(() => api.Watches.Count == 2, "the retried watch");

        // The backoff alone would have retried after about 20 ms.
        Assert.True(api.Watches[1].At - api.Watches[0].At >= TimeSpan.FromMilliseconds(900), "waited for Retry-After");
        Assert.True(harness.Log.Has(LogLevel.Warning, 2206, "instrumentations"));
    }

    [Fact]
    public async Task Run_ServerErrorsOnList_RetriesAndBecomesReady()
    {
        await using var harness = await WatchHarness.StartServerAsync();
        await harness.PutAsync(TestObjects.Namespace("shop", injectJava: "true"));
        harness.Server.Namespaces.FailNextList(500);
        harness.Server.Namespaces.FailNextList(503);

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(3, harness.Server.Namespaces.Lists.Count);
        Assert.Equal("true", harness.Store.Current.NamespaceAnnotation("shop", "instrumentation.opentelemetry.io/inject-java"));
        Assert.True(harness.Log.Has(LogLevel.Warning, 2204, "scripted failure 500"));
    }

    [Fact]
    public async Task Run_OneListIncomplete_NotLoadedUntilBothAreComplete()
    {
        await using var harness = await WatchHarness.StartServerAsync();
        var hold = harness.Server.Namespaces.HoldLists();

        harness.Start();
        await Eventually.True(() => harness.Server.Instrumentations.Watches.Count == 1, "the Instrumentations watch, after their list");
        await Eventually.True(() => harness.Server.Namespaces.Lists.Count == 1, "the held Namespaces list");

        // Shown by state: the source saw a change and withheld its publish because a first list was incomplete.
        await Eventually.True(() => harness.Source.Statistics.PublishesWithheld > 0, "a publish withheld");
        Assert.False(harness.Store.IsLoaded);

        hold.Dispose();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");
    }

    [Fact]
    public async Task Run_MalformedEventLines_SkippedOnTheSameWatch()
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;

        api.PushLine("{not json");
        api.PushLine("{\"type\":\"ADDED\"}");
        api.PushLine("{\"type\":\"RENAMED\",\"object\":{\"metadata\":{\"name\":\"x\"}}}");
        api.PushLine("{\"type\":\"ADDED\",\"object\":{\"spec\":{}}}");
        api.Put(TestObjects.Instrumentation("shop", "c"));

        await Eventually.True(() => harness.Store.Current.Find("shop", "c") is not null, "the valid event after the malformed ones");
        Assert.Equal(4, harness.Source.Statistics.MalformedEvents);
        Assert.Single(api.Watches);
        Assert.Equal(0, harness.Source.Statistics.WatchRestarts);
        Assert.True(harness.Log.Has(LogLevel.Warning, 2208, "RENAMED"));
    }

    [Fact]
    public async Task Run_Bookmark_NextWatchStartsFromItsVersion()
    {
        await using var harness = await StartedAsync();
        var api = harness.Server.Instrumentations;

        var bookmarked = api.Bookmark();
        api.EndWatches();

        await Eventually.True(() => api.Watches.Count == 2, "the next watch");
        Assert.Equal(bookmarked, api.Watches[1].ResourceVersion);
        Assert.NotEqual(bookmarked, api.Watches[0].ResourceVersion);
        Assert.Equal(0, harness.Source.Statistics.WatchRestarts);
    }

    [Fact]
    public async Task Run_ListSpansSeveralPages_ReadsEveryPage()
    {
        await using var harness = await WatchHarness.StartServerAsync(WatchHarness.FastOptions with { ListPageSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            await harness.PutAsync(TestObjects.Instrumentation("shop", "i" + i));
        }

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(5, harness.Store.Current.Count);
        var lists = harness.Server.Instrumentations.Lists;
        Assert.Equal([null, "2", "4"], lists.Select(l => l.Continue));
        Assert.All(lists, l => Assert.Equal(2, l.Limit));
    }

    private static async Task<WatchHarness> StartedAsync(WatchOptions? options = null)
    {
        var harness = await WatchHarness.StartServerAsync(options);
        await harness.PutAsync(TestObjects.Instrumentation("shop", "a"));
        await harness.PutAsync(TestObjects.Instrumentation("shop", "b"));
        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded && harness.Server.Instrumentations.OpenWatches == 1, "the first snapshot and an open watch");
        return harness;
    }

    /// <summary>Sends bookmarks every 100 ms from a thread of its own, so a busy thread pool cannot delay them.</summary>
    private static Task SendBookmarksAsync(WatchHarness harness, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new Thread(() =>
        {
            while (!cancellationToken.WaitHandle.WaitOne(100))
            {
                harness.Server.Instrumentations.Bookmark();
                harness.Server.Namespaces.Bookmark();
            }
            done.SetResult();
        }) { IsBackground = true, Name = "bookmarks" };
        sender.Start();
        return done.Task;
    }
}
