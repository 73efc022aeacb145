using Webhook.Injection.Pods;

namespace Webhook.Events;

/// <summary>
/// What an Event is about (<c>regarding</c>): the pod's controlling owner when it has one, since that is where
/// <c>kubectl describe</c> is run and where the pod's own admission warnings went; else the pod itself.
/// </summary>
public readonly record struct RegardingObject(string ApiVersion, string Kind, string Namespace, string Name, string Uid)
{
    /// <summary>Marks a pod that has no name yet (the API server names it after admission from its generateName).</summary>
    public const string UnnamedSuffix = "…";

    public static RegardingObject Of(PodView pod, string ns)
    {
        foreach (var owner in pod.Owners)
        {
            if (owner.Controller && owner.Kind.Length > 0 && owner.Name.Length > 0)
            {
                return new RegardingObject(owner.ApiVersion, owner.Kind, ns, owner.Name, owner.Uid);
            }
        }

        var name = pod.Name.Length > 0 ? pod.Name : pod.GenerateName + UnnamedSuffix;
        return new RegardingObject("v1", "Pod", ns, name, pod.Uid);
    }
}
