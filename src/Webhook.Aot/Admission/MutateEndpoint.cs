using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhook.Events;
using Webhook.Injection;
using Webhook.Injection.Pods;
using Webhook.Memory;
using Webhook.Observability;
using Webhook.Sources;
using Webhook.Injection.Text;
using Webhook.Text;

namespace Webhook.Admission;

/// <summary>POST /mutate-v1-pod: reads the review, runs injection, writes the AdmissionReview response.</summary>
public sealed class MutateEndpoint(SnapshotStore store, InjectionSettings settings, WebhookMetrics metrics, ILogger<MutateEndpoint> log,
    EventRecorder? events = null)
{
    public const string Path = "/mutate-v1-pod";
    public const string SpanName = "POST " + Path;

    /// <summary>
    /// Completes without waiting, and so allocates no asynchronous state, when the body has arrived whole (the usual
    /// case). The answer is left in the response's buffer, not flushed: Kestrel sends it with the end of the response,
    /// in one write (HTTP/2: one DATA frame that ends the stream, not a second, empty one).
    /// </summary>
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = AdmissionSpan.Start(context, SpanName, Path);
        using var review = await ReviewRequest.ReadBodyAsync(context);
        NativeBufferWriter? held = null;
        var outcome = review.Failure is null ? Answer(context.Response, review, out held) : null;
        if (held is not null)
        {
            await SendInPiecesAsync(context.Response, held);
        }

        if (review.Failure is { } failure)
        {
            await Responses.RefuseAsync(context, failure, review.Problem!, log);
            metrics.Request(Path, failure, Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (AdmissionSpan.Current is { } refused)
            {
                AdmissionSpanTags.Describe(refused, failure);
            }

            return;
        }

        metrics.Request(Path, outcome!.Value, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Reads the envelope and the pod in one pass into this thread's workspace, runs injection there and writes the
    /// response before giving the workspace back: the result points into it. Synchronous from rent to return, so the
    /// workspace never crosses an await. Null when the envelope is refused (the review's <see cref="ReviewRequest.Failure"/>).
    /// </summary>
    private AdmissionOutcome? Answer(HttpResponse response, ReviewRequest review, out NativeBufferWriter? held)
    {
        held = null;
        var snapshot = store.Current;
        var workspace = InjectionWorkspace.Rent(review.Body!.Length);
        try
        {
            if (review.Parse("Pod", workspace, snapshot).Failure is not null)
            {
                return null;
            }

            response.StatusCode = 200;
            response.ContentType = "application/json";
            var result = AdmissionMutation.Handle(review.Body!.Memory, review.View, snapshot, settings, workspace);
            var mutation = result.Mutation;
            var outcome = result.FailedOpen ? AdmissionOutcome.FailedOpen : mutation.Patch is null ? AdmissionOutcome.Unchanged : AdmissionOutcome.Patched;
            Record(review, result, outcome, workspace);
            // Last, so nothing after it can throw and leave a held answer, which lives outside the GC heap, undisposed.
            held = AdmissionWriter.WriteMutationOrHold(response.BodyWriter, review.Uid, mutation.Patch, mutation.Warnings);
            return outcome;
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }

    /// <summary>
    /// An answer over <see cref="AdmissionWriter.LargeAnswerBytes"/>, held outside the GC heap, sent in pieces of that
    /// size, each flushed before the next: the response's pipe copies each into its own small blocks, so it never rents
    /// an array the size of the answer, and holds one piece at a time.
    /// </summary>
    internal static async Task SendInPiecesAsync(HttpResponse response, NativeBufferWriter answer)
    {
        using (answer)
        {
            response.ContentLength = answer.WrittenCount;
            var bytes = answer.WrittenMemory;
            for (var sent = 0; sent < bytes.Length; sent += AdmissionWriter.LargeAnswerBytes)
            {
                await response.BodyWriter.WriteAsync(bytes.Slice(sent, Math.Min(AdmissionWriter.LargeAnswerBytes, bytes.Length - sent)));
            }
        }
    }

    private void Record(ReviewRequest review, AdmissionMutationResult result, AdmissionOutcome outcome, InjectionWorkspace workspace)
    {
        metrics.Decided(result.Mutation, outcome);
        var warnings = result.Mutation.Warnings;
        var body = review.Body!.Memory.Span;
        if (AdmissionSpan.Current is { } span)
        {
            AdmissionSpanTags.Describe(span, review.Uid, body[review.View.Namespace], workspace.Pod.Name.Length > 0 ? workspace.Pod.Name : workspace.Pod.GenerateName + "*",
                outcome, result);
        }

        if (events is not null)
        {
            QueueEvents(events, body, review.View, result, workspace.Pod);
        }

        if (result.FailedOpen)
        {
            Log.FailedOpen(log, result.Fault!, EchoedText.CutUtf8(review.Uid), EchoedText.CutUtf8(body[review.View.Namespace]));
            return;
        }

        if (warnings.Count > 0 && log.IsEnabled(LogLevel.Information))
        {
            // A pod made by a controller sends its warnings to that controller, where nobody reads them: the log says them too.
            var ns = EchoedText.CutUtf8(body[review.View.Namespace]);
            var pod = EchoedText.Cut(workspace.Pod.Name.Length > 0 ? workspace.Pod.Name : workspace.Pod.GenerateName + "*");
            for (var i = 0; i < warnings.Count; i++)
            {
                Log.AdmittedWithWarning(log, pod, ns, warnings[i].Message);
            }
        }

        if (log.IsEnabled(LogLevel.Debug))
        {
            Log.Admitted(log, EchoedText.CutUtf8(review.Uid), EchoedText.CutUtf8(body[review.View.Namespace]),
                AdmissionOutcomes.MetricLabel(outcome), warnings.Count);
        }
    }

    /// <summary>
    /// The warnings become Events, except for a dry run. <paramref name="pod"/> is the pod as injection read it; when
    /// injection failed open it may be partly read or another pod's, so the pod is read again from the review.
    /// </summary>
    private static void QueueEvents(EventRecorder events, ReadOnlySpan<byte> review, in AdmissionRequestView view, in AdmissionMutationResult result, PodView pod)
    {
        var warnings = result.Mutation.Warnings;
        if (warnings.Count == 0 || view.DryRun)
        {
            return;
        }

        var subject = result.FailedOpen ? ReadAgain(review[view.Object]) : pod;
        if (subject is not null)
        {
            events.Record(warnings, subject, TextCache.GetUtf8(review[view.Namespace]));
        }
    }

    private static PodView? ReadAgain(ReadOnlySpan<byte> podJson)
    {
        try
        {
            return PodReader.Read(podJson.ToArray());
        }
        catch (PodFormatException)
        {
            // The pod cannot be read at all: no object to attach an Event to; the failed-open log line names the uid.
            return null;
        }
    }
}
