using Webhook.Injection;
using Webhook.Observability;

namespace Webhook.Admission;

/// <summary>The requests metric in admission terms: the outcome is recorded by its label from <see cref="AdmissionOutcomes"/>.</summary>
public static class AdmissionMetrics
{
    public static void Request(this WebhookMetrics metrics, string endpoint, AdmissionOutcome outcome, double seconds)
        => metrics.Request(endpoint, AdmissionOutcomes.MetricLabel(outcome), seconds);

    /// <summary>The warnings of one admission, and the languages injected when the pod was patched.</summary>
    public static void Decided(this WebhookMetrics metrics, MutationResult mutation, AdmissionOutcome outcome)
    {
        // Indexed loops: a foreach over the IReadOnlyList would allocate an enumerator on every admission.
        var warnings = mutation.Warnings;
        for (var i = 0; i < warnings.Count; i++)
        {
            metrics.Warned(warnings[i].Reason);
        }

        var decisions = mutation.Decisions;
        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i].Injected && outcome == AdmissionOutcome.Patched)
            {
                metrics.Injected(decisions[i].Language);
            }
        }
    }
}
