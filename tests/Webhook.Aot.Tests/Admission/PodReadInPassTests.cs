using System.Text;
using Webhook.Admission;
using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Tests.Injection;

namespace Webhook.Tests.Admission;

/// <summary>
/// The endpoint reads the envelope and the pod in one pass (<see cref="AdmissionReader"/> with a workspace). What it
/// answers must be what reading the pod's bytes alone answers, byte for byte, and whatever the envelope says after the
/// pod (a repeated key, the namespace, the uid) must still count.
/// </summary>
public sealed class PodReadInPassTests
{
    private const string JavaPod = """{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""";
    private const string PlainPod = """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"app:1"}]}}""";
    private const string Kind = "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"operation\":\"CREATE\"";

    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void InPass_EveryInjectionCase_AnswersAsReadingThePodAlone(string name)
    {
        var testCase = InjectionCase.Load(name);
        var review = Review("\"uid\":\"u-1\"," + Kind + ",\"namespace\":" + Quoted(testCase.Namespace) + ",\"object\":" + Encoding.UTF8.GetString(testCase.PodJson));
        var alone = PodMutator.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings);

        var workspace = new InjectionWorkspace();
        var view = AdmissionReader.Read(review, workspace, testCase.Snapshot);
        var inPass = AdmissionMutation.Handle(review, view, testCase.Snapshot, testCase.Settings, workspace);

        Assert.False(inPass.FailedOpen, inPass.Fault?.ToString());
        Assert.Equal(Text(alone.Patch), Text(inPass.Mutation.Patch));
        Assert.Equal(alone.Warnings.Select(w => w.Message), inPass.Mutation.Warnings.Select(w => w.Message));
        Assert.Equal(alone.Decisions, inPass.Mutation.Decisions);
    }

    [Fact]
    public void Read_WithAWorkspace_ReadsThePodThatAsksInTheSamePass()
    {
        var review = Review("\"uid\":\"u-1\"," + Kind + ",\"namespace\":\"shop\",\"object\":" + JavaPod);
        var workspace = new InjectionWorkspace();

        AdmissionReader.Read(review, workspace, Snapshot());

        Assert.Equal("app", Assert.Single(workspace.Pod.Containers).Name);
    }

    [Fact]
    public void InPass_NamespaceAfterThePod_DecidesWithThatNamespace()
    {
        // The pod asks for nothing itself; its namespace asks, and is named only after the pod.
        var snapshot = Snapshot(new NamespaceInfo("shop", new Dictionary<string, string> { ["instrumentation.opentelemetry.io/inject-java"] = "true" }));
        var review = Review("\"uid\":\"u-1\"," + Kind + ",\"object\":" + PlainPod + ",\"namespace\":\"shop\"");

        Assert.NotNull(HandleInPass(review, snapshot).Mutation.Patch);
    }

    [Theory]
    [InlineData(JavaPod, PlainPod, false)]
    [InlineData(PlainPod, JavaPod, true)]
    public void InPass_PodGivenTwice_TheLaterOneCounts(string first, string later, bool patched)
    {
        var review = Review("\"uid\":\"u-1\"," + Kind + ",\"namespace\":\"shop\",\"object\":" + first + ",\"object\":" + later);

        Assert.Equal(patched, HandleInPass(review, Snapshot()).Mutation.Patch is not null);
    }

    [Fact]
    public void InPass_PodFieldOfTheWrongType_WarnsAsReadingThePodAloneAndReadsOnPastThePod()
    {
        const string pod = """{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},"spec":{"containers":[{"name":"app","env":{"a":1}}]}}""";
        var review = Review(Kind + ",\"namespace\":\"shop\",\"object\":" + pod + ",\"uid\":\"after-the-pod\",\"dryRun\":true");
        var alone = PodMutator.Mutate(Encoding.UTF8.GetBytes(pod), "shop", Snapshot(), InjectionSettings.Defaults);

        var workspace = new InjectionWorkspace();
        var view = AdmissionReader.Read(review, workspace, Snapshot());
        var inPass = AdmissionMutation.Handle(review, view, Snapshot(), InjectionSettings.Defaults, workspace);

        Assert.Equal("after-the-pod", Encoding.UTF8.GetString(review.AsSpan(view.Uid)));
        Assert.True(view.DryRun);
        Assert.Null(inPass.Mutation.Patch);
        Assert.Equal(WarningReason.MalformedPod, Assert.Single(inPass.Mutation.Warnings).Reason);
        Assert.Equal(alone.Warnings.Select(w => w.Message), inPass.Mutation.Warnings.Select(w => w.Message));
    }

    [Theory]
    [InlineData(JavaPod)]
    [InlineData(PlainPod)]
    public void InPass_PodThatIsNotJson_IsTheSameFormatErrorAsWithoutAWorkspace(string pod)
    {
        var review = Review("\"uid\":\"u-1\"," + Kind + ",\"namespace\":\"shop\",\"object\":" + pod.Replace("\"app:1\"", "app:1", StringComparison.Ordinal));

        var alone = Assert.Throws<AdmissionFormatException>(() => AdmissionReader.Read(review));
        var inPass = Assert.Throws<AdmissionFormatException>(() => AdmissionReader.Read(review, new InjectionWorkspace(), Snapshot()));

        Assert.Equal(alone.Message, inPass.Message);
    }

    [Fact]
    public void InPass_PodThatAsksForNothing_IsUnchangedAndTheEnvelopeReadOnPastIt()
    {
        var review = Review(Kind + ",\"namespace\":\"shop\",\"object\":" + PlainPod + ",\"uid\":\"after-the-pod\",\"dryRun\":true");
        var workspace = new InjectionWorkspace();

        var view = AdmissionReader.Read(review, workspace, Snapshot());
        var result = AdmissionMutation.Handle(review, view, Snapshot(), InjectionSettings.Defaults, workspace);

        Assert.Equal("after-the-pod", Encoding.UTF8.GetString(review.AsSpan(view.Uid)));
        Assert.True(view.DryRun);
        Assert.Null(result.Mutation.Patch);
        Assert.Empty(result.Mutation.Warnings);
    }

    [Fact]
    public void Handle_AnotherReviewThanTheOneReadInPass_ReadsItsOwnPod()
    {
        var workspace = new InjectionWorkspace();
        AdmissionReader.Read(Review("\"uid\":\"u-1\"," + Kind + ",\"namespace\":\"shop\",\"object\":" + PlainPod), workspace, Snapshot());
        var other = Review("\"uid\":\"u-2\"," + Kind + ",\"namespace\":\"shop\",\"object\":" + JavaPod);

        var result = AdmissionMutation.Handle(other, AdmissionReader.Read(other), Snapshot(), InjectionSettings.Defaults, workspace);

        Assert.NotNull(result.Mutation.Patch);
    }

    private static AdmissionMutationResult HandleInPass(byte[] review, InstrumentationSnapshot snapshot)
    {
        var workspace = new InjectionWorkspace();
        var view = AdmissionReader.Read(review, workspace, snapshot);
        return AdmissionMutation.Handle(review, view, snapshot, InjectionSettings.Defaults, workspace);
    }

    private static InstrumentationSnapshot Snapshot(params NamespaceInfo[] namespaces)
    {
        var instrumentation = new Instrumentation { Metadata = new ObjectMeta { Name = "otel", Namespace = "shop" } };
        Webhook.Instrumentations.InstrumentationDefaulter.Apply(instrumentation, Webhook.Instrumentations.ImageDefaults.FromTable);
        return new InstrumentationSnapshot([instrumentation], namespaces);
    }

    private static byte[] Review(string request)
        => Encoding.UTF8.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{" + request + "}}");

    private static string Quoted(string text) => "\"" + text + "\"";

    private static string? Text(ReadOnlyMemory<byte>? patch) => patch is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;
}
