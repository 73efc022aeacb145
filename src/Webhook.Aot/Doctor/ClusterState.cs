namespace Webhook.Doctor;

/// <summary>Everything <c>doctor</c> read from the cluster, and the ownership links between its workloads and pods.</summary>
internal sealed record ClusterState(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NamespaceAnnotations,
    IReadOnlyList<InstrumentationInfo> Instrumentations,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<ResourceMeta> ReplicaSets,
    IReadOnlyList<PodState> Pods,
    WebhookInstallation Webhook)
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AnnotationsOf(string ns) => NamespaceAnnotations.TryGetValue(ns, out var annotations) ? annotations : s_none;

    /// <summary>
    /// The workload's current pods through its owner chain: Deployment → ReplicaSets → Pods, CronJob → Jobs → Pods,
    /// the others own their pods; a bare Pod is its own. Pods being deleted are left out.
    /// </summary>
    public IReadOnlyList<PodState> PodsOf(Workload workload)
    {
        if (workload.Type == WorkloadType.Pod)
        {
            return [.. Pods.Where(pod => pod.Meta.Uid == workload.Meta.Uid && pod.Meta.Key == workload.Meta.Key && !pod.Terminating)];
        }

        var owners = new List<(ResourceMeta Meta, string Kind)> { (workload.Meta, workload.Type.Kind) };
        if (workload.Type == WorkloadType.Deployment)
        {
            owners = [.. ReplicaSets.Where(set => set.Namespace == workload.Meta.Namespace && set.IsOwnedBy(workload.Meta, "Deployment")).Select(set => (set, "ReplicaSet"))];
        }
        else if (workload.Type == WorkloadType.CronJob)
        {
            owners = [.. Workloads.Where(job => job.Type == WorkloadType.Job && job.Meta.Namespace == workload.Meta.Namespace && job.Meta.IsOwnedBy(workload.Meta, "CronJob"))
                .Select(job => (job.Meta, "Job"))];
        }

        return [.. Pods.Where(pod => !pod.Terminating && pod.Meta.Namespace == workload.Meta.Namespace && owners.Exists(owner => pod.Meta.IsOwnedBy(owner.Meta, owner.Kind)))];
    }

    /// <summary>False for a Job a CronJob made and a Pod something owns: they are checked as part of their owner.</summary>
    public static bool IsChecked(Workload workload) => workload.Type switch
    {
        _ when workload.Type == WorkloadType.Job => !workload.Meta.Owners.Any(owner => owner.Kind == "CronJob"),
        _ when workload.Type == WorkloadType.Pod => workload.Meta.Owners.Count == 0,
        _ => true,
    };
}
