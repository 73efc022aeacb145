using System.Text;
using Webhook.Admission;
using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Snapshot;

namespace Webhook.Tests.Admission;

public sealed class AdmissionMutationTests
{
    private const string JavaPod = """{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""";
    private const string PlainPod = """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""";

    [Fact]
    public void Read_Review_FindsUidNamespaceOperationKindAndObject()
    {
        var body = Review("CREATE", JavaPod, ns: "shop", uid: "abc-123");

        var view = AdmissionReader.Read(body);

        Assert.True(view.IsAdmissionReviewV1);
        Assert.True(view.HasRequest);
        Assert.Equal("abc-123", Text(body, view.Uid));
        Assert.Equal("shop", Text(body, view.Namespace));
        Assert.Equal("CREATE", Text(body, view.Operation));
        Assert.Equal("Pod", Text(body, view.Kind));
        Assert.Equal(JavaPod, Text(body, view.Object));
    }

    [Fact]
    public void Read_WrongApiVersion_IsNotV1()
    {
        var body = Encoding.UTF8.GetBytes("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"x"}}""");

        Assert.False(AdmissionReader.Read(body).IsAdmissionReviewV1);
    }

    [Theory]
    [InlineData("{\"apiVersion\":")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Read_MalformedBody_ThrowsAFormatError(string body)
    {
        Assert.Throws<AdmissionFormatException>(() => AdmissionReader.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Read_NoRequest_SaysSo()
    {
        Assert.False(AdmissionReader.Read("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"""u8).HasRequest);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("UPDATE")]
    [InlineData("CONNECT")]
    public void Handle_NotACreate_ReturnsNoPatch(string operation)
    {
        var result = Handle(Review(operation, JavaPod), Snapshot());

        Assert.Null(result.Mutation.Patch);
        Assert.Empty(result.Mutation.Warnings);
    }

    [Fact]
    public void Handle_PodCreateWithInjectAnnotation_ReturnsAPatch()
    {
        var result = Handle(Review("CREATE", JavaPod), Snapshot());

        Assert.NotNull(result.Mutation.Patch);
        Assert.Contains("opentelemetry-auto-instrumentation-java", Encoding.UTF8.GetString(result.Mutation.Patch.Value.Span));
    }

    [Fact]
    public void Handle_PlainPodInInjectingNamespace_IsInjected()
    {
        var snapshot = Snapshot(new NamespaceInfo("shop", new Dictionary<string, string> { ["instrumentation.opentelemetry.io/inject-java"] = "true" }));

        var result = Handle(Review("CREATE", PlainPod, ns: "shop"), snapshot);

        Assert.NotNull(result.Mutation.Patch);
    }

    [Fact]
    public void Handle_SubResourceCreate_ReturnsNoPatch()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Review("CREATE", JavaPod)).Replace("\"operation\"", "\"subResource\":\"binding\",\"operation\""));

        Assert.Null(Handle(body, Snapshot()).Mutation.Patch);
    }

    [Fact]
    public void Handle_EngineFault_FailsOpenWithOneWarning()
    {
        var broken = new Instrumentation { Metadata = new ObjectMeta { Name = "broken", Namespace = "shop" } };
        var snapshot = new InstrumentationSnapshot([broken], []);

        var result = Handle(Review("CREATE", JavaPod), snapshot);

        Assert.True(result.FailedOpen);
        Assert.NotNull(result.Fault);
        Assert.Null(result.Mutation.Patch);
        Assert.Equal(WarningReason.InternalError, Assert.Single(result.Mutation.Warnings).Reason);
    }

    private static AdmissionMutationResult Handle(byte[] body, InstrumentationSnapshot snapshot)
        => AdmissionMutation.Handle(body, AdmissionReader.Read(body), snapshot, InjectionSettings.Defaults);

    private static InstrumentationSnapshot Snapshot(params NamespaceInfo[] namespaces)
    {
        var instrumentation = new Instrumentation { Metadata = new ObjectMeta { Name = "otel", Namespace = "shop" } };
        Webhook.Instrumentations.InstrumentationDefaulter.Apply(instrumentation, Webhook.Instrumentations.ImageDefaults.FromTable);
        return new InstrumentationSnapshot([instrumentation], namespaces);
    }

    private static byte[] Review(string operation, string pod, string ns = "shop", string uid = "u-1")
        => Encoding.UTF8.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid
            + "\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"namespace\":\"" + ns + "\",\"operation\":\"" + operation
            + "\",\"object\":" + pod + "}}");

    private static string Text(byte[] body, Range range) => Encoding.UTF8.GetString(body.AsSpan(range));
}
