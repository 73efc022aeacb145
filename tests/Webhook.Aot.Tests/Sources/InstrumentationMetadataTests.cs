using System.Text;
using System.Text.Json.Nodes;
using Webhook.Injection;

namespace Webhook.Tests.Sources;

/// <summary>
/// The API server source keeps an Instrumentation's generation and resourceVersion, listed and watched, so the
/// injected marker names the version a pod was injected from.
/// </summary>
public sealed class InstrumentationMetadataTests
{
    [Fact]
    public async Task Run_ListedThenModified_MarkerEntryFollowsGenerationAndResourceVersion()
    {
        await using var harness = await WatchHarness.StartServerAsync();
        var listed = harness.Server.Instrumentations.Put(WithGeneration(3));
        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded && harness.Server.Instrumentations.OpenWatches == 1, "the first snapshot and an open watch");

        Assert.Equal(("shop/a", (long?)3, listed.ToString(System.Globalization.CultureInfo.InvariantCulture)), JavaEntry(harness));

        var modified = harness.Server.Instrumentations.Put(WithGeneration(4));
        await Eventually.True(() => JavaEntry(harness).Generation == 4, "the modified Instrumentation");
        Assert.Equal(modified.ToString(System.Globalization.CultureInfo.InvariantCulture), JavaEntry(harness).ResourceVersion);
    }

    private static string WithGeneration(long generation)
    {
        var instrumentation = JsonNode.Parse(TestObjects.Instrumentation("shop", "a"))!;
        instrumentation["metadata"]!["generation"] = generation;
        return instrumentation.ToJsonString();
    }

    /// <summary>The snapshot's marker entry for Java from shop/a, read back as the annotation value would be.</summary>
    private static (string? Instrumentation, long? Generation, string? ResourceVersion) JavaEntry(WatchHarness harness)
    {
        var snapshot = harness.Store.Current;
        var escaped = snapshot.MarkerEntry(snapshot.Find("shop", "a")!, InjectionTable.Get(Language.Java));
        var value = (string)JsonNode.Parse("\"{" + Encoding.UTF8.GetString(escaped.Span) + "}\"")!;
        var entry = Assert.Single(InjectedMarker.Read(value));
        return (entry.Instrumentation, entry.Generation, entry.ResourceVersion);
    }
}
