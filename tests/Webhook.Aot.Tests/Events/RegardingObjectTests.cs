using Webhook.Events;
using Webhook.Injection.Pods;

namespace Webhook.Tests.Events;

public sealed class RegardingObjectTests
{
    [Fact]
    public void Of_PodWithAControllerAmongOwners_IsTheController()
    {
        var pod = new PodView { Name = "", GenerateName = "job-x-" };
        pod.Owners.Add(new OwnerReference("ConfigMap", "keeper", "u1", "v1", Controller: false));
        pod.Owners.Add(new OwnerReference("Job", "job-x", "u2", "batch/v1", Controller: true));

        Assert.Equal(new RegardingObject("batch/v1", "Job", "ns", "job-x", "u2"), RegardingObject.Of(pod, "ns"));
    }

    [Fact]
    public void Of_PodWithNameAndNoController_IsThePod()
    {
        var pod = new PodView { Name = "db-0", Uid = "" };
        pod.Owners.Add(new OwnerReference("ConfigMap", "keeper", "u1", "v1", Controller: false));

        Assert.Equal(new RegardingObject("v1", "Pod", "ns", "db-0", ""), RegardingObject.Of(pod, "ns"));
    }

    [Fact]
    public void Of_UnnamedPod_IsItsGenerateNameAndAnEllipsis()
        => Assert.Equal("web-…", RegardingObject.Of(new PodView { GenerateName = "web-" }, "ns").Name);

    [Fact]
    public void PodReader_OwnerReferences_ReadApiVersionAndController()
    {
        var pod = PodReader.Read("""
            {"metadata":{"ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"u","controller":true},
            {"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"v","controller":"yes"}]},"spec":{"containers":[]}}
            """u8.ToArray());

        Assert.Equal([new OwnerReference("StatefulSet", "db", "u", "apps/v1", true), new OwnerReference("ConfigMap", "c", "v", "v1", false)], pod.Owners);
    }
}
