using Microsoft.AspNetCore.Http;
using Webhook.Injection.Text;

namespace Webhook.Admission;

/// <summary>The checks every admission endpoint makes before it looks at the object: media type, size, envelope.</summary>
public sealed class ReviewRequest : IDisposable
{
    private ReviewRequest(RequestBody? body, AdmissionRequestView view, AdmissionOutcome? failure, string? problem)
    {
        Body = body;
        View = view;
        Failure = failure;
        Problem = problem;
    }

    public RequestBody? Body { get; }

    public AdmissionRequestView View { get; }

    /// <summary>Set when the request cannot be answered with an AdmissionReview; <see cref="Problem"/> says why.</summary>
    public AdmissionOutcome? Failure { get; }

    public string? Problem { get; }

    public ReadOnlySpan<byte> Uid => Body!.Memory.Span[View.Uid];

    public static async Task<ReviewRequest> ReadAsync(HttpContext context, string expectedKind)
    {
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(AdmissionOutcome.UnsupportedMediaType, AdmissionOutcomes.Message(AdmissionOutcome.UnsupportedMediaType) + ", not " + EchoedText.Quote(contentType));
        }

        var (body, refusal) = await RequestBody.ReadAsync(context.Request, RequestBody.MaxBytes, BodyBudget.Shared, context.RequestAborted);
        if (body is null)
        {
            var outcome = refusal == AdmissionOutcome.Overloaded ? refusal : AdmissionOutcome.TooLarge;
            return Fail(outcome, AdmissionOutcomes.Message(outcome));
        }

        AdmissionRequestView view;
        try
        {
            view = AdmissionReader.Read(body.Memory.Span);
        }
        catch (AdmissionFormatException e)
        {
            body.Dispose();
            return Fail(AdmissionOutcome.BadRequest, e.Message);
        }

        var problem = Check(body.Memory.Span, view, expectedKind);
        if (problem is not null)
        {
            body.Dispose();
            return Fail(AdmissionOutcome.BadRequest, problem);
        }

        return new ReviewRequest(body, view, null, null);
    }

    public void Dispose() => Body?.Dispose();

    private static string? Check(ReadOnlySpan<byte> body, in AdmissionRequestView view, string expectedKind)
    {
        if (!view.IsAdmissionReviewV1)
        {
            return "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview";
        }

        if (!view.HasRequest)
        {
            return "the AdmissionReview has no \"request\"";
        }

        if (body[view.Uid].IsEmpty)
        {
            return "request.uid is missing";
        }

        // The uid is echoed as it was sent; text that is not UTF-8 would make the answer invalid JSON.
        if (!System.Text.Unicode.Utf8.IsValid(body[view.Uid]))
        {
            return "request.uid is not valid UTF-8";
        }

        if (body[view.Kind].IsEmpty)
        {
            return "request.kind is missing";
        }

        if (!System.Text.Ascii.Equals(body[view.Kind], expectedKind))
        {
            return "request.kind.kind is " + EchoedText.QuoteUtf8(body[view.Kind]) + "; this endpoint admits " + expectedKind;
        }

        return null;
    }

    private static ReviewRequest Fail(AdmissionOutcome outcome, string problem) => new(null, default, outcome, problem);
}
