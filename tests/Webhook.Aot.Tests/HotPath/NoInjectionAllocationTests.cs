using System.Text;
using Webhook.Admission;
using Webhook.Injection;
using Webhook.Injection.Snapshot;

namespace Webhook.Tests.HotPath;

/// <summary>
/// A pod that asks for nothing must cost no managed allocation: read the review, check, answer "unchanged", and
/// record its measurements as the endpoint does (<see cref="RecordingMetrics"/>).
/// </summary>
public sealed class NoInjectionAllocationTests
{
    private const int Iterations = 10_000;

    private static readonly byte[] s_review = Encoding.UTF8.GetBytes("""
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
        "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
        "namespace":"shop","operation":"CREATE","userInfo":{"username":"system:serviceaccount:kube-system:replicaset-controller"},
        "object":{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"web-6d4cf56db6-","namespace":"shop",
        "labels":{"app":"web","pod-template-hash":"6d4cf56db6"},"annotations":{"prometheus.io/scrape":"true",
        "instrumentation.opentelemetry.io/inject-java":"false"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27",
        "env":[{"name":"A","value":"1"}]}]}},"oldObject":null,"dryRun":false}}
        """);

    [Fact]
    public void Handle_PodAskingForNothing_AllocatesNothing()
    {
        var snapshot = new InstrumentationSnapshot([], [new NamespaceInfo("other", new Dictionary<string, string>
        {
            ["instrumentation.opentelemetry.io/inject-python"] = "true",
        })]);
        var settings = InjectionSettings.Defaults;
        Run(snapshot, settings);

        Assert.Equal(0, AllocationRounds.Fewest(Iterations, () => Run(snapshot, settings)));
    }

    [Fact]
    public void Handle_PodAskingForNothing_ReturnsNoPatchAndNoWarning()
    {
        var result = Run(InstrumentationSnapshot.Empty, InjectionSettings.Defaults);

        Assert.Null(result.Mutation.Patch);
        Assert.Empty(result.Mutation.Warnings);
        Assert.False(result.FailedOpen);
    }

    /// <summary>As the endpoint answers: the envelope and the pod's precheck in one pass, in the thread's workspace.</summary>
    private static AdmissionMutationResult Run(InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        var workspace = InjectionWorkspace.Rent();
        try
        {
            var view = AdmissionReader.Read(s_review, workspace, snapshot);
            var result = AdmissionMutation.Handle(s_review, view, snapshot, settings, workspace);
            RecordingMetrics.Instance.Decided(result.Mutation, AdmissionOutcome.Unchanged);
            RecordingMetrics.Instance.Request(MutateEndpoint.Path, AdmissionOutcome.Unchanged, 0.0001);
            return result;
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }
}
