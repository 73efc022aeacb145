using Webhook.Injection.Pods;
using Webhook.Injection.Text;

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

    /// <summary>The owner kinds that become attributes, with their name and uid keys.</summary>
    private static readonly (string Kind, string NameKey, string UidKey)[] s_kinds =
    [
        ("ReplicaSet", "k8s.replicaset.name", "k8s.replicaset.uid"),
        ("Deployment", "k8s.deployment.name", "k8s.deployment.uid"),
        ("StatefulSet", "k8s.statefulset.name", "k8s.statefulset.uid"),
        ("DaemonSet", "k8s.daemonset.name", "k8s.daemonset.uid"),
        ("Job", "k8s.job.name", "k8s.job.uid"),
        ("CronJob", "k8s.cronjob.name", "k8s.cronjob.uid"),
    ];

    /// <summary>
    /// Fills <paramref name="into"/> (cleared first) with the attributes the owners give, each key once with the last
    /// non-empty value set for it, in the order keys were first set: applying them gives the map that setting each
    /// owner's attributes in turn would. A handful of keys, however many owners the pod lists.
    /// </summary>
    public static void Collect(PodView pod, bool addUids, List<KeyValuePair<string, string>> into)
    {
        into.Clear();
        foreach (var owner in pod.Owners)
        {
            foreach (var (kind, nameKey, uidKey) in s_kinds)
            {
                if (!owner.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                Set(into, nameKey, owner.Name);
                if (addUids)
                {
                    Set(into, uidKey, owner.Uid);
                }

                if (kind == "ReplicaSet" && DeploymentOf(owner.Name, pod.Label(PodTemplateHashLabel)) is { } deployment)
                {
                    Set(into, "k8s.deployment.name", deployment);
                }
                else if (kind == "Job" && CronJobOf(owner.Name) is { } cronJob)
                {
                    Set(into, "k8s.cronjob.name", cronJob);
                }

                break;
            }
        }
    }

    public static string? DeploymentOf(string replicaSet, string? podTemplateHash)
    {
        if (podTemplateHash is not { Length: > 0 } || replicaSet.Length <= podTemplateHash.Length + 1)
        {
            return null;
        }

        var nameLength = replicaSet.Length - podTemplateHash.Length - 1;
        return replicaSet[nameLength] == '-' && replicaSet.AsSpan(nameLength + 1).SequenceEqual(podTemplateHash)
            ? TextCache.Slice(replicaSet, 0, nameLength)
            : null;
    }

    public static string? CronJobOf(string job)
    {
        var dash = job.LastIndexOf('-');
        return dash > 0 && dash < job.Length - 1 && !job.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9') ? TextCache.Slice(job, 0, dash) : null;
    }

    /// <summary>Empty values set nothing (as for the other layers); at most 14 keys, so a scan.</summary>
    private static void Set(List<KeyValuePair<string, string>> into, string key, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        for (var i = 0; i < into.Count; i++)
        {
            if (into[i].Key == key)
            {
                into[i] = new(key, value);
                return;
            }
        }

        into.Add(new(key, value));
    }
}
