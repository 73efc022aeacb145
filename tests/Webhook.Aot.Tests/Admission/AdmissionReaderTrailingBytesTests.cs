using System.Text;
using Webhook.Admission;
using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Snapshot;

namespace Webhook.Tests.Admission;

/// <summary>
/// A body is one AdmissionReview and nothing after it but whitespace: bytes after the review's closing brace make
/// the body malformed JSON, refused as any other (<see cref="System.Text.Json.Utf8JsonReader"/> refuses it too),
/// whether the envelope is read alone or with the pod in its pass.
/// </summary>
public sealed class AdmissionReaderTrailingBytesTests
{
    private const string Review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u-1\","
        + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"operation\":\"CREATE\",\"namespace\":\"shop\","
        + "\"object\":{\"metadata\":{\"annotations\":{\"instrumentation.opentelemetry.io/inject-java\":\"true\"}},\"spec\":{\"containers\":[{\"name\":\"app\"}]}}}}";

    [Theory]
    [InlineData("x")]
    [InlineData("}")]
    [InlineData("]")]
    [InlineData(",")]
    [InlineData("{}")]
    [InlineData(" {\"apiVersion\":\"v0\"}")]
    [InlineData("\"tail\"")]
    [InlineData("0")]
    [InlineData("\n\u0000")]
    public void Read_BytesAfterTheReview_IsRefusedAsNotValidJson(string trailing)
    {
        var body = Encoding.UTF8.GetBytes(Review + trailing);

        var alone = Assert.Throws<AdmissionFormatException>(() => AdmissionReader.Read(body));
        var inPass = Assert.Throws<AdmissionFormatException>(() => AdmissionReader.Read(body, new InjectionWorkspace(), Snapshot()));

        Assert.StartsWith("the body is not valid JSON: ", alone.Message, StringComparison.Ordinal);
        Assert.Contains("after a single JSON value", alone.Message, StringComparison.Ordinal);
        Assert.Equal(alone.Message, inPass.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t ")]
    public void Read_WhitespaceAfterTheReview_IsRead(string trailing)
    {
        var body = Encoding.UTF8.GetBytes(Review + trailing);

        var alone = AdmissionReader.Read(body);
        var inPass = AdmissionReader.Read(body, new InjectionWorkspace(), Snapshot());

        Assert.True(alone.IsAdmissionReviewV1);
        Assert.Equal("u-1", Encoding.UTF8.GetString(body.AsSpan()[alone.Uid]));
        Assert.Equal(alone.Object, inPass.Object);
    }

    private static InstrumentationSnapshot Snapshot()
    {
        var instrumentation = new Instrumentation { Metadata = new ObjectMeta { Name = "otel", Namespace = "shop" } };
        Webhook.Instrumentations.InstrumentationDefaulter.Apply(instrumentation, Webhook.Instrumentations.ImageDefaults.FromTable);
        return new InstrumentationSnapshot([instrumentation], []);
    }
}
