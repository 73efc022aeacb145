using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Webhook.Tests.Hosting;
using Webhook.Tests.Support;
using static Webhook.Tests.Injection.Bounded.LargePods;

namespace Webhook.Tests.Admission;

/// <summary>
/// A review whose body is held outside the GC heap (over 64 KiB) and gated as large (over 1 MiB) is answered through the
/// real server exactly as injection answers it: the 3 MiB pod of 500 containers with 20 env entries of 300 characters
/// each (10,000 in all) gets every container injected, twice in a row, so the second body finds the first one's pages
/// given back rather than read again.
/// </summary>
public sealed class LargeBodyEndToEndTests
{
    private const string ShopInstrumentation = """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: shop}
        spec:
          exporter: {endpoint: "http://collector:4318"}
        """;

    [Fact]
    public async Task A_three_MiB_review_of_500_containers_and_10000_env_entries_is_injected_through_the_server()
    {
        await using var host = await RunningHost.StartAsync(ShopInstrumentation);
        const int containers = 500;
        const int envPerContainer = 20;
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(containers))], containers, envPerContainer, envValueLength: 300);

        for (var round = 0; round < 2; round++)
        {
            var review = Review(pod, uid: "large-" + round);
            Assert.InRange(review.Length, 3 << 20, 7 << 20);
            using var content = new ByteArrayContent(review);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            using var answer = await host.Client.PostAsync("/mutate-v1-pod", content);

            Assert.Equal(200, (int)answer.StatusCode);
            var response = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["response"]!;
            Assert.Equal("large-" + round, (string)response["uid"]!);
            Assert.True((bool)response["allowed"]!);
            var patch = Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!));
            var patched = JsonPatchApplier.Apply(pod.DeepClone(), patch);
            for (var c = 0; c < containers; c++)
            {
                var env = patched["spec"]!["containers"]![c]!["env"]!.AsArray().Select(e => (string)e!["name"]!).ToList();
                Assert.Equal(Enumerable.Range(0, envPerContainer).Select(e => "VAR_" + e), env.Where(n => n.StartsWith("VAR_", StringComparison.Ordinal)));
                Assert.Contains("JAVA_TOOL_OPTIONS", env);
            }
        }
    }
}
