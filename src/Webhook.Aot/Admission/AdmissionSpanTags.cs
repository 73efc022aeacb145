using System.Diagnostics;
using Webhook.Observability;
using Webhook.Text;

namespace Webhook.Admission;

/// <summary>What an admission decided, as attributes of its <see cref="AdmissionSpan"/>.</summary>
public static class AdmissionSpanTags
{
    /// <summary>The decision on a pod, as attributes: outcome, the pod, languages injected, warnings by reason; a fault fails the span.</summary>
    public static void Describe(Activity span, ReadOnlySpan<byte> uid, ReadOnlySpan<byte> @namespace, string pod, AdmissionOutcome outcome, AdmissionMutationResult result)
    {
        span.SetTag("otel_webhook.admission.uid", EchoedText.CutUtf8(uid));
        span.SetTag("otel_webhook.admission.outcome", AdmissionOutcomes.MetricLabel(outcome));
        span.SetTag("k8s.namespace.name", EchoedText.CutUtf8(@namespace));
        span.SetTag("k8s.pod.name", EchoedText.Cut(pod));
        var injected = new List<string>();
        foreach (var decision in result.Mutation.Decisions)
        {
            if (decision.Injected && outcome == AdmissionOutcome.Patched)
            {
                injected.Add(decision.Language);
            }
        }

        span.SetTag("otel_webhook.admission.languages", injected.ToArray());
        span.SetTag("otel_webhook.admission.warnings", result.Mutation.Warnings.Select(static w => WebhookMetrics.Label(w.Reason)).ToArray());
        if (result.FailedOpen)
        {
            span.SetStatus(ActivityStatusCode.Error, "injection failed; pod admitted unchanged: " + EchoedText.Cut(result.Fault?.Message ?? ""));
        }
    }

    /// <summary>The outcome of a request that got no decision on a pod (refused, or an Instrumentation validated).</summary>
    public static void Describe(Activity span, AdmissionOutcome outcome) => span.SetTag("otel_webhook.admission.outcome", AdmissionOutcomes.MetricLabel(outcome));
}
