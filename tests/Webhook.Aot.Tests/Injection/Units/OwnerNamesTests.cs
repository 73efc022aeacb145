using System.Text;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;

namespace Webhook.Tests.Injection.Units;

/// <summary>Owner attributes derived without API calls (product §2.4; shared spec §7.5.3).</summary>
public sealed class OwnerNamesTests
{
    [Theory]
    [InlineData("my-java-7c9d8f6b5", "7c9d8f6b5", "my-java")]
    [InlineData("a-b-c-5d8f9c7b6", "5d8f9c7b6", "a-b-c")]
    [InlineData("x-1", "1", "x")]
    public void DeploymentOf_NameEndsWithDashHash_IsTheNameWithoutIt(string replicaSet, string hash, string expected)
        => Assert.Equal(expected, OwnerNames.DeploymentOf(replicaSet, hash));

    [Theory]
    [InlineData("my-java-7c9d8f6b5", null)]
    [InlineData("my-java-7c9d8f6b5", "")]
    [InlineData("my-java-7c9d8f6b5", "deadbeef")]
    [InlineData("my-java7c9d8f6b5", "7c9d8f6b5")]
    [InlineData("-7c9d8f6b5", "7c9d8f6b5")]
    [InlineData("7c9d8f6b5", "7c9d8f6b5")]
    [InlineData("my-java-7C9D8F6B5", "7c9d8f6b5")]
    public void DeploymentOf_NoMatchingHashSuffix_IsNull(string replicaSet, string? hash)
        => Assert.Null(OwnerNames.DeploymentOf(replicaSet, hash));

    [Theory]
    [InlineData("nightly-report-28930415", "nightly-report")]
    [InlineData("backup-1", "backup")]
    [InlineData("a-b-0-123", "a-b-0")]
    public void CronJobOf_NameEndsWithDashDigits_IsTheNameWithoutThem(string job, string expected)
        => Assert.Equal(expected, OwnerNames.CronJobOf(job));

    [Theory]
    [InlineData("migrate-db")]
    [InlineData("migrate")]
    [InlineData("28930415")]
    [InlineData("-28930415")]
    [InlineData("report-")]
    [InlineData("report-12a")]
    [InlineData("report-１２")]
    public void CronJobOf_NoDashDigitsSuffix_IsNull(string job) => Assert.Null(OwnerNames.CronJobOf(job));

    [Fact]
    public void Collect_ReplicaSetWithHashLabel_AddsDeploymentNameButNoDeploymentUid()
    {
        var attributes = Owners("""{"metadata":{"labels":{"pod-template-hash":"abc12"},"ownerReferences":[{"kind":"ReplicaSet","name":"web-abc12","uid":"u-rs"}]}}""", addUids: true);

        Assert.Equal(["k8s.deployment.name=web", "k8s.replicaset.name=web-abc12", "k8s.replicaset.uid=u-rs"], attributes);
    }

    [Fact]
    public void Collect_JobWithScheduleSuffix_AddsCronJobNameButNoCronJobUid()
    {
        var attributes = Owners("""{"metadata":{"ownerReferences":[{"kind":"Job","name":"nightly-42","uid":"u-job"}]}}""", addUids: true);

        Assert.Equal(["k8s.cronjob.name=nightly", "k8s.job.name=nightly-42", "k8s.job.uid=u-job"], attributes);
    }

    [Fact]
    public void Collect_KindInOtherCase_IsMatched()
    {
        var attributes = Owners("""{"metadata":{"ownerReferences":[{"kind":"STATEFULSET","name":"db","uid":"u"},{"kind":"daemonSet","name":"agent","uid":"v"}]}}""", addUids: false);

        Assert.Equal(["k8s.daemonset.name=agent", "k8s.statefulset.name=db"], attributes);
    }

    [Fact]
    public void Collect_UnknownKind_AddsNothing()
        => Assert.Empty(Owners("""{"metadata":{"ownerReferences":[{"kind":"Rollout","name":"canary","uid":"u"}]}}""", addUids: true));

    [Fact]
    public void Collect_ManyOwnersOfOneKind_KeepsTheLastNonEmptyNameOnce()
    {
        var owners = string.Join(",", Enumerable.Range(0, 10_000).Select(i => "{\"kind\":\"Job\",\"name\":\"job-" + i + "\",\"uid\":\"u" + i + "\"}"));
        var pod = PodReader.Read(Encoding.UTF8.GetBytes("{\"metadata\":{\"ownerReferences\":[" + owners + ",{\"kind\":\"Job\",\"name\":\"\"}]}}"));
        var collected = new List<KeyValuePair<string, string>>();

        OwnerNames.Collect(pod, addUids: true, collected);

        Assert.Equal([new("k8s.job.name", "job-9999"), new("k8s.job.uid", "u9999"), new("k8s.cronjob.name", "job")], collected);
    }

    [Fact]
    public void Collect_OwnerWithoutUid_AddsNoEmptyUid()
        => Assert.Equal(["k8s.deployment.name=web"], Owners("""{"metadata":{"ownerReferences":[{"kind":"Deployment","name":"web"}]}}""", addUids: true));

    private static IEnumerable<string> Owners(string podJson, bool addUids)
    {
        var collected = new List<KeyValuePair<string, string>>();
        OwnerNames.Collect(PodReader.Read(Encoding.UTF8.GetBytes(podJson)), addUids, collected);
        var attributes = new AttributeMap();
        foreach (var (key, value) in collected)
        {
            attributes[key] = value;
        }

        return attributes.Count == 0 ? [] : attributes.Serialize().Split(',');
    }
}
