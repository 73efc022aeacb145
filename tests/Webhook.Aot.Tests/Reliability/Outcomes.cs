namespace Webhook.Tests.Reliability;

/// <summary>How many generated inputs ended each way, so a test can show its inputs reached past the reader.</summary>
internal sealed class Outcomes
{
    public int Total { get; private set; }

    public int BadRequests { get; private set; }

    public int Admitted { get; private set; }

    public int Patched { get; private set; }

    public int FailedOpen { get; private set; }

    public void Add(AdmissionTrial trial)
    {
        Total++;
        BadRequests += trial.HttpStatus == 400 ? 1 : 0;
        Admitted += trial.HttpStatus == 200 ? 1 : 0;
        Patched += trial.Patched ? 1 : 0;
        FailedOpen += trial.FailedOpen ? 1 : 0;
    }

    public void Add(Outcomes other)
    {
        Total += other.Total;
        BadRequests += other.BadRequests;
        Admitted += other.Admitted;
        Patched += other.Patched;
        FailedOpen += other.FailedOpen;
    }

    public override string ToString() => $"{Total} inputs: {BadRequests} refused (400), {Admitted} admitted, {Patched} patched, {FailedOpen} failed open";
}
