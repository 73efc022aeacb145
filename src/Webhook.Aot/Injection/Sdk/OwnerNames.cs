using Webhook.Injection.Pods;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The pod's owners as resource attributes, derived without API calls: a ReplicaSet's Deployment is its name
/// without the <c>-&lt;pod-template-hash&gt;</c> suffix (the pod carries that label), a Job's CronJob is its name
/// without a trailing <c>-&lt;digits&gt;</c> scheduled-time suffix. A ReplicaSet not owned by a Deployment but named
/// like one, or a Job with a numeric suffix not made by a CronJob, is attributed to a Deployment or CronJob the
/// operator would not name (docs/injection.md says so).
/// </summary>
public static class OwnerNames
{
    public const string PodTemplateHashLabel = "pod-template-hash";

    public static void Add(PodView pod, bool addUids, SortedDictionary<string, string> attributes, HashSet<string> existing)
    {
        foreach (var owner in pod.Owners)
        {
            switch (owner.Kind.ToLowerInvariant())
            {
                case "replicaset":
                    Set(attributes, existing, "k8s.replicaset", owner, addUids);
                    if (DeploymentOf(owner.Name, pod.Label(PodTemplateHashLabel)) is { } deployment)
                    {
                        SetName(attributes, existing, "k8s.deployment.name", deployment);
                    }

                    break;
                case "deployment":
                    Set(attributes, existing, "k8s.deployment", owner, addUids);
                    break;
                case "statefulset":
                    Set(attributes, existing, "k8s.statefulset", owner, addUids);
                    break;
                case "daemonset":
                    Set(attributes, existing, "k8s.daemonset", owner, addUids);
                    break;
                case "job":
                    Set(attributes, existing, "k8s.job", owner, addUids);
                    if (CronJobOf(owner.Name) is { } cronJob)
                    {
                        SetName(attributes, existing, "k8s.cronjob.name", cronJob);
                    }

                    break;
                case "cronjob":
                    Set(attributes, existing, "k8s.cronjob", owner, addUids);
                    break;
            }
        }
    }

    public static string? DeploymentOf(string replicaSet, string? podTemplateHash)
        => podTemplateHash is { Length: > 0 } && replicaSet.Length > podTemplateHash.Length + 1
            && replicaSet.EndsWith("-" + podTemplateHash, StringComparison.Ordinal)
                ? replicaSet[..^(podTemplateHash.Length + 1)]
                : null;

    public static string? CronJobOf(string job)
    {
        var dash = job.LastIndexOf('-');
        return dash > 0 && dash < job.Length - 1 && job[(dash + 1)..].All(char.IsAsciiDigit) ? job[..dash] : null;
    }

    private static void Set(SortedDictionary<string, string> attributes, HashSet<string> existing, string prefix, OwnerReference owner, bool addUids)
    {
        SetName(attributes, existing, prefix + ".name", owner.Name);
        if (addUids)
        {
            SetName(attributes, existing, prefix + ".uid", owner.Uid);
        }
    }

    private static void SetName(SortedDictionary<string, string> attributes, HashSet<string> existing, string key, string value)
    {
        if (value.Length > 0 && !existing.Contains(key))
        {
            attributes[key] = value;
        }
    }
}
