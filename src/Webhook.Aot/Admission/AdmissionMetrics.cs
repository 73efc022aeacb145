using Webhook.Observability;

namespace Webhook.Admission;

/// <summary>The requests metric in admission terms: the outcome is recorded by its label from <see cref="AdmissionOutcomes"/>.</summary>
public static class AdmissionMetrics
{
    public static void Request(this WebhookMetrics metrics, string endpoint, AdmissionOutcome outcome, double seconds)
        => metrics.Request(endpoint, AdmissionOutcomes.MetricLabel(outcome), seconds);
}
