namespace Webhook.Doctor;

/// <summary>What to check: one namespace (<see cref="Namespace"/>) or all (null), and optionally one workload.</summary>
internal sealed record DoctorScope(string? Namespace, WorkloadType? TargetType = null, string? TargetName = null)
{
    /// <summary><c>api/v1/namespaces/shop/pods</c>, or <c>api/v1/pods</c> for all namespaces.</summary>
    public string PathOf(string groupVersionPath, string plural)
        => Namespace is null ? groupVersionPath + "/" + plural : groupVersionPath + "/namespaces/" + Namespace + "/" + plural;

    public string Describe() => Namespace is null ? "all namespaces" : "namespace " + Namespace;

    public bool Includes(Workload workload)
        => TargetType is null || (workload.Type == TargetType && workload.Meta.Name == TargetName);
}
