using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhook.Injection;
using Webhook.Observability;
using Webhook.Sources;

namespace Webhook.Admission;

/// <summary>POST /mutate-v1-pod: reads the review, runs injection, writes the AdmissionReview response.</summary>
public sealed class MutateEndpoint(SnapshotStore store, InjectionSettings settings, WebhookMetrics metrics, ILogger<MutateEndpoint> log)
{
    public const string Path = "/mutate-v1-pod";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var review = await ReviewRequest.ReadAsync(context, "Pod");
        if (review.Failure is { } failure)
        {
            await Responses.RefuseAsync(context, failure, review.Problem!, log);
            metrics.Request(Path, failure, Stopwatch.GetElapsedTime(started).TotalSeconds);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var outcome = Answer(context.Response.BodyWriter, review);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        metrics.Request(Path, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Runs injection in this thread's workspace and writes the response before giving the workspace back: the
    /// result points into it. Synchronous from rent to return, so the workspace never crosses an await.
    /// </summary>
    private AdmissionOutcome Answer(System.IO.Pipelines.PipeWriter output, ReviewRequest review)
    {
        var workspace = InjectionWorkspace.Rent();
        try
        {
            var result = AdmissionMutation.Handle(review.Body!.Memory, review.View, store.Current, settings, workspace);
            var mutation = result.Mutation;
            var outcome = result.FailedOpen ? AdmissionOutcome.FailedOpen : mutation.Patch is null ? AdmissionOutcome.Unchanged : AdmissionOutcome.Patched;
            AdmissionWriter.WriteMutation(output, review.Uid, mutation.Patch, mutation.Warnings);
            Record(review, result, outcome);
            return outcome;
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }

    private void Record(ReviewRequest review, AdmissionMutationResult result, AdmissionOutcome outcome)
    {
        foreach (var warning in result.Mutation.Warnings)
        {
            metrics.Warned(warning.Reason);
        }

        foreach (var decision in result.Mutation.Decisions)
        {
            if (decision.Injected && outcome == AdmissionOutcome.Patched)
            {
                metrics.Injected(decision.Language);
            }
        }

        var body = review.Body!.Memory.Span;
        if (result.FailedOpen)
        {
            Log.FailedOpen(log, result.Fault!, Encoding.UTF8.GetString(review.Uid), Encoding.UTF8.GetString(body[review.View.Namespace]));
        }
        else if (log.IsEnabled(LogLevel.Debug))
        {
            Log.Admitted(log, Encoding.UTF8.GetString(review.Uid), Encoding.UTF8.GetString(body[review.View.Namespace]),
                AdmissionOutcomes.MetricLabel(outcome), result.Mutation.Warnings.Count);
        }
    }
}
