using System.Text;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// Operations whose value is JSON already (an added init container, volume, the marker) are written in one piece when
/// they fit on the stack and through the JSON writer when they do not: the same bytes either way.
/// </summary>
public sealed class PatchOperationTests
{
    [Theory]
    [InlineData("""{"metadata":{"name":"app","labels":{"a":"b"},"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""")]
    [InlineData("""{"metadata":{"name":"app","annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"initContainers":[{"name":"setup","image":"busybox"}],"volumes":[{"name":"data","emptyDir":{}}],"containers":[{"name":"app","image":"app:1"}]}}""")]
    public void Mutate_InitContainerLargerThanTheStackCopy_WritesTheBytesOfASmallOneWithItsImage(string pod)
    {
        const string ShortImage = "registry.example/agent:1";
        var longImage = "registry.example/" + new string('a', 3000) + ":1";

        var small = Patch(pod, ShortImage);
        var large = Patch(pod, longImage);

        Assert.Equal(small.Replace(ShortImage, longImage, StringComparison.Ordinal), large);
        Assert.Contains("{\"op\":\"add\",\"path\":\"/spec/initContainers", small, StringComparison.Ordinal);
    }

    private static string Patch(string pod, string image)
    {
        var snapshot = TestInstrumentations.Snapshot($$"""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata: {name: otel, namespace: demo}
            spec:
              java: {image: "{{image}}"}
            """);
        var result = new InjectionWorkspace().Mutate(Encoding.UTF8.GetBytes(pod), "demo", snapshot, InjectionSettings.Defaults);
        return Encoding.UTF8.GetString(result.Patch!.Value.Span);
    }
}
