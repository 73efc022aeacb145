using System.Text;
using Microsoft.AspNetCore.Http;
using Webhook.Admission;
using Webhook.Injection;
using Webhook.Observability;
using Webhook.Sources;
using Webhook.Tests.Sources;
using static Webhook.Tests.Injection.Bounded.LargePods;
using Webhook.Text;

namespace Webhook.Tests.Admission;

/// <summary>
/// What the mutate endpoint answers and logs stays small whatever the request holds: a refusal quotes the caller's
/// value cut, and a pod with thousands of problems gets a bounded answer and a bounded number of short log lines.
/// </summary>
public sealed class BoundedAnswerTests
{
    /// <summary>Generous for one line quoting a few cut values.</summary>
    private const int MaxLineLength = 4 * EchoedText.MaxCharacters + 500;

    private static readonly WebhookMetrics s_metrics = new(() => null, () => 0, () => 0);

    [Fact]
    public void Mutate_SixMebibyteKind_RefusalAndLogQuoteItCut()
    {
        var kind = new string('K', 6 << 20);
        var log = new RecordingLogger<MutateEndpoint>();

        var (status, answer) = Serve(Review(Pod([]), kind: kind), log);

        Assert.Equal(400, status);
        Assert.Equal("request.kind.kind is \"" + new string('K', EchoedText.MaxCharacters) + "…\" (6291456 characters); this endpoint admits Pod\n", answer);
        var line = Assert.Single(log.Entries);
        Assert.True(line.Message.Length < MaxLineLength, line.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("(6291456 characters)", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_ThousandsOfUnmatchedNamesAndAHugePodName_WarningsAndLogStayShort()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", "c0," + Names(32_000, first: 1))], name: new string('p', 1 << 20));
        var log = new RecordingLogger<MutateEndpoint>();

        var (status, answer) = Serve(Review(pod), log);

        // The patch carries the pod's name (OTEL_SERVICE_NAME falls back to it, as in the operator); the warnings are what is echoed.
        Assert.Equal(200, status);
        using var review = System.Text.Json.JsonDocument.Parse(answer);
        var warning = Assert.Single(review.RootElement.GetProperty("response").GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.EndsWith("and 31995 more in the pod; Java skips them", warning, StringComparison.Ordinal);
        Assert.True(warning.Length < MaxLineLength);
        Assert.InRange(log.Entries.Count, 1, InjectionContext.MaxWarnings + 2);
        Assert.All(log.Entries, e => Assert.True(e.Message.Length < MaxLineLength, e.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(log.Entries, e => e.Message.Contains("… (1048576 characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void Mutate_ThousandsOfWarnings_AnswerCarriesAtMostTheCapPlusACount()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(5_000))], containers: 5_000);
        foreach (var container in pod["spec"]!["containers"]!.AsArray())
        {
            container!["env"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "NODE_OPTIONS", ["value"] = "x" },
                new System.Text.Json.Nodes.JsonObject { ["name"] = "JAVA_TOOL_OPTIONS", ["valueFrom"] = new System.Text.Json.Nodes.JsonObject() });
        }

        var log = new RecordingLogger<MutateEndpoint>();

        var (status, answer) = Serve(Review(pod), log);

        Assert.Equal(200, status);
        using var review = System.Text.Json.JsonDocument.Parse(answer);
        var warnings = review.RootElement.GetProperty("response").GetProperty("warnings");
        Assert.Equal(InjectionContext.MaxWarnings + 1, warnings.GetArrayLength());
        Assert.Equal(InjectionContext.MaxWarnings + 1, log.Entries.Count(e => e.EventId == 1104));
    }

    private static (int Status, string Answer) Serve(byte[] body, RecordingLogger<MutateEndpoint> log)
    {
        var store = new SnapshotStore();
        store.Publish(Snapshot());
        var endpoint = new MutateEndpoint(store, InjectionSettings.Defaults, s_metrics, log);
        var (status, answer) = Support.ReviewPost.AnswerAsync(endpoint.HandleAsync, body).GetAwaiter().GetResult();
        return (status, Encoding.UTF8.GetString(answer));
    }
}
