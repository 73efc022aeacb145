using System.Text;
using Webhook.Injection.Pods;
using Webhook.Tests.HotPath;

namespace Webhook.Tests.Injection.Bounded;

/// <summary>
/// Annotations and labels injection never reads cost no string, however long: a hostile 8 MiB annotation used to
/// become a 16 MiB string per review (the large object heap's largest tenant under hostile input). Those it reads
/// are still read, whatever else the map holds.
/// </summary>
public sealed class UnreadMetadataTests
{
    private const int HugeCharacters = 8 * 1024 * 1024;

    [Fact]
    public void Read_HugeAnnotationAndLabelOutsideTheReadOnes_AllocatesFarLessThanTheirSize()
    {
        var json = Pod(
            annotations: "\"padding\":\"" + new string('p', HugeCharacters) + "\",\"instrumentation.opentelemetry.io/inject-java\":\"true\"",
            labels: "\"big\":\"" + new string('l', HugeCharacters) + "\",\"app.kubernetes.io/name\":\"shop\"");
        var pod = new PodView();

        var allocated = AllocationRounds.Fewest(1, () => PodReader.Read(json, pod));

        Assert.True(allocated < 1024 * 1024, "reading the pod allocated " + allocated + " bytes");
        Assert.Equal("true", pod.Annotation("instrumentation.opentelemetry.io/inject-java"));
        Assert.Equal("shop", pod.Label("app.kubernetes.io/name"));
        Assert.Null(pod.Annotation("padding"));
        Assert.True(pod.HasAnnotations);
    }

    [Theory]
    [InlineData("instrumentation.opentelemetry.io/inject-java", "true")]
    [InlineData("instrumentation.opentelemetry.io/otel-go-auto-target-exe", "/app/main")]
    [InlineData("resource.opentelemetry.io/service.name", "checkout")]
    [InlineData("resource.opentelemetry.io/deployment.environment", "prod")]
    public void Read_AnnotationInjectionReads_IsKept(string key, string value)
    {
        var pod = PodReader.Read(Pod(annotations: "\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\",\"" + key + "\":\"" + value + "\""));

        Assert.Equal(value, pod.Annotation(key));
        Assert.Null(pod.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
    }

    [Theory]
    [InlineData("app.kubernetes.io/version", "1.2")]
    [InlineData("pod-template-hash", "5d8f9")]
    [InlineData("instrumentation.opentelemetry.io/injected", "true")]
    public void Read_LabelInjectionReads_IsKept(string key, string value)
    {
        var pod = PodReader.Read(Pod(labels: "\"team\":\"a\",\"" + key + "\":\"" + value + "\""));

        Assert.Equal(value, pod.Label(key));
        Assert.Null(pod.Label("team"));
    }

    [Fact]
    public void Read_EscapedKeyOfAReadAnnotation_IsKept()
    {
        var pod = PodReader.Read(Pod(annotations: "\"instrumentation.opentelemetry.io\\/inject-java\":\"true\""));

        Assert.Equal("true", pod.Annotation("instrumentation.opentelemetry.io/inject-java"));
    }

    private static ReadOnlyMemory<byte> Pod(string annotations = "", string labels = "")
        => Encoding.UTF8.GetBytes("{\"metadata\":{\"name\":\"p\",\"labels\":{" + labels + "},\"annotations\":{" + annotations + "}},\"spec\":{\"containers\":[{\"name\":\"app\"}]}}");
}
