namespace Webhook.Admission;

/// <summary>
/// The parts of an admission.k8s.io/v1 AdmissionReview request the webhook reads, as ranges into the request
/// bytes: nothing is copied or decoded until someone asks for it.
/// </summary>
public struct AdmissionRequestView
{
    public Range Uid;
    public Range Namespace;
    public Range Operation;
    public Range Group;
    public Range Version;
    public Range Kind;
    public Range SubResource;
    public Range Object;
    public bool DryRun;
    public bool HasRequest;
    public bool IsAdmissionReviewV1;
}
