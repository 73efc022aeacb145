using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhook.Documents;
using Webhook.Instrumentations;
using Webhook.Observability;

namespace Webhook.Admission;

/// <summary>
/// POST /validate-v1alpha1-instrumentation: the operator's Instrumentation validation (schema checks, defaults,
/// its rules and warnings). A DELETE is always allowed: refusing to delete a resource helps nobody.
/// </summary>
public sealed class ValidateEndpoint(ImageDefaults images, WebhookMetrics metrics, ILogger<ValidateEndpoint> log)
{
    public const string Path = "/validate-v1alpha1-instrumentation";
    public const string SpanName = "POST " + Path;

    private readonly InstrumentationLoader _loader = new(images);

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = AdmissionSpan.Start(context, SpanName, Path);
        using var review = await ReviewRequest.ReadAsync(context, "Instrumentation");
        if (review.Failure is { } failure)
        {
            await Responses.RefuseAsync(context, failure, review.Problem!, log);
            Outcome(failure, started);
            return;
        }

        var body = review.Body!.Memory;
        var view = review.View;
        var allowed = true;
        string? message = null;
        var warnings = new List<string>();
        if (!body.Span[view.Operation].SequenceEqual("DELETE"u8) && !view.Object.Equals(default(Range)))
        {
            var document = new SourceDocument("request.object", 0, 1, body[view.Object].ToArray(), new LineMap(1));
            var loaded = _loader.Load(document);
            allowed = loaded.IsValid;
            message = allowed ? null : string.Join("; ", loaded.Errors.Select(e => e.Path.Length == 0 || e.Message.StartsWith(e.Path, StringComparison.Ordinal) ? e.Message : e.Path + ": " + e.Message));
            warnings.AddRange(loaded.Warnings.Select(w => w.Message));
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        AdmissionWriter.WriteValidation(context.Response.BodyWriter, review.Uid, allowed, message, warnings);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        Outcome(allowed ? AdmissionOutcome.Allowed : AdmissionOutcome.Denied, started);
    }

    private void Outcome(AdmissionOutcome outcome, long started)
    {
        metrics.Request(Path, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (AdmissionSpan.Current is { } span)
        {
            AdmissionSpanTags.Describe(span, outcome);
        }
    }
}
