using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Webhook.Injection.Snapshot;

namespace Webhook.Tests.Sources;

/// <summary>
/// What every snapshot source must do, whatever it reads: each subclass runs these scenarios against one source.
/// </summary>
public abstract class SnapshotSourceBehaviour
{
    private const string InjectJava = "instrumentation.opentelemetry.io/inject-java";

    protected abstract Task<ISourceHarness> CreateHarnessAsync();

    [Fact]
    public async Task Run_ObjectsPresentAtStart_ReadyWithAllOfThem()
    {
        await using var harness = await CreateHarnessAsync();
        await harness.PutAsync(TestObjects.Instrumentation("shop", "a", "http://a:4318"));
        await harness.PutAsync(TestObjects.Instrumentation("shop", "b", "http://b:4318"));
        await harness.PutAsync(TestObjects.Namespace("shop", injectJava: "true"));

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        var snapshot = harness.Store.Current;
        Assert.Equal(2, snapshot.Count);
        Assert.Equal("http://a:4318", snapshot.Find("shop", "a")?.Spec?.Exporter?.Endpoint);
        Assert.Equal("http://b:4318", snapshot.Find("shop", "b")?.Spec?.Exporter?.Endpoint);
        Assert.Equal("true", snapshot.NamespaceAnnotation("shop", InjectJava));
        Assert.Null(harness.Store.LastProblem);
    }

    [Fact]
    public async Task Run_NothingToRead_ReadyWithEmptySnapshot()
    {
        await using var harness = await CreateHarnessAsync();
        var published = Record(harness);

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(0, harness.Store.Current.Count);
        Assert.NotEmpty(published);
    }

    [Fact]
    public async Task Run_InstrumentationAdded_SnapshotGainsIt()
    {
        await using var harness = await StartedAsync(TestObjects.Instrumentation("shop", "a"));

        await harness.PutAsync(TestObjects.Instrumentation("shop", "b", "http://b:4318"));

        await Eventually.True(() => harness.Store.Current.Find("shop", "b") is not null, "shop/b in the snapshot");
        Assert.Equal("http://b:4318", harness.Store.Current.Find("shop", "b")!.Spec?.Exporter?.Endpoint);
        Assert.NotNull(harness.Store.Current.Find("shop", "a"));
    }

    [Fact]
    public async Task Run_InstrumentationChanged_SnapshotHasTheNewSpec()
    {
        await using var harness = await StartedAsync(TestObjects.Instrumentation("shop", "a", "http://old:4318"));

        await harness.PutAsync(TestObjects.Instrumentation("shop", "a", "http://new:4318"));

        await Eventually.True(() => harness.Store.Current.Find("shop", "a")?.Spec?.Exporter?.Endpoint == "http://new:4318", "the new endpoint");
        Assert.Equal(1, harness.Store.Current.Count);
    }

    [Fact]
    public async Task Run_InstrumentationDeleted_SnapshotLosesIt()
    {
        await using var harness = await StartedAsync(TestObjects.Instrumentation("shop", "a"), TestObjects.Instrumentation("shop", "b"));

        await harness.DeleteAsync("Instrumentation", "shop", "a");

        await Eventually.True(() => harness.Store.Current.Find("shop", "a") is null, "shop/a gone from the snapshot");
        Assert.NotNull(harness.Store.Current.Find("shop", "b"));
        Assert.Equal(1, harness.Store.Current.Count);
    }

    [Fact]
    public async Task Run_NamespaceAnnotated_SnapshotFollows()
    {
        await using var harness = await StartedAsync(TestObjects.Namespace("shop"));
        Assert.False(harness.Store.Current.NamespaceMayInject("shop"u8));

        await harness.PutAsync(TestObjects.Namespace("shop", injectJava: "true"));

        await Eventually.True(() => harness.Store.Current.NamespaceAnnotation("shop", InjectJava) == "true", "the namespace annotation");
        Assert.True(harness.Store.Current.NamespaceMayInject("shop"u8));
    }

    [Fact]
    public async Task Run_InvalidInstrumentation_LeftOutReportedAndOthersKept()
    {
        await using var harness = await StartedAsync(TestObjects.Instrumentation("shop", "good"));

        await harness.PutAsync(TestObjects.InvalidInstrumentation("shop", "bad"));

        await Eventually.True(() => harness.Store.LastProblem?.Contains(TestObjects.InvalidInstrumentationProblem, StringComparison.Ordinal) == true,
            "the invalid Instrumentation reported");
        Assert.Null(harness.Store.Current.Find("shop", "bad"));
        Assert.NotNull(harness.Store.Current.Find("shop", "good"));
        Assert.True(harness.Logged(LogLevel.Warning, 2002, TestObjects.InvalidInstrumentationProblem));
    }

    [Fact]
    public async Task Run_FirstLoad_PublishesOnlyCompleteSnapshots()
    {
        await using var harness = await CreateHarnessAsync();
        await harness.PutAsync(TestObjects.Instrumentation("shop", "a"));
        await harness.PutAsync(TestObjects.Instrumentation("tools", "b"));
        await harness.PutAsync(TestObjects.Namespace("shop", injectJava: "true"));
        await harness.PutAsync(TestObjects.Namespace("tools", injectJava: "b"));
        var published = Record(harness);
        Assert.False(harness.Store.IsLoaded);

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.NotEmpty(published);
        Assert.All(published, snapshot =>
        {
            Assert.Equal(2, snapshot.Count);
            Assert.Equal("b", snapshot.NamespaceAnnotation("tools", InjectJava));
            Assert.Equal("true", snapshot.NamespaceAnnotation("shop", InjectJava));
        });
    }

    private async Task<ISourceHarness> StartedAsync(params string[] objects)
    {
        var harness = await CreateHarnessAsync();
        foreach (var item in objects)
        {
            await harness.PutAsync(item);
        }

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");
        return harness;
    }

    private static ConcurrentQueue<InstrumentationSnapshot> Record(ISourceHarness harness)
    {
        var published = new ConcurrentQueue<InstrumentationSnapshot>();
        harness.Store.Published += published.Enqueue;
        return published;
    }
}
