using Microsoft.AspNetCore.Http;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Text;

namespace Webhook.Admission;

/// <summary>The checks every admission endpoint makes before it looks at the object: media type, size, envelope.</summary>
public sealed class ReviewRequest : IDisposable
{
    private LargeReviews? _slotHeld;

    private ReviewRequest(RequestBody? body, AdmissionRequestView view, AdmissionOutcome? failure, string? problem, LargeReviews? slotHeld = null)
    {
        Body = body;
        View = view;
        Failure = failure;
        Problem = problem;
        _slotHeld = slotHeld;
    }

    public RequestBody? Body { get; private set; }

    public AdmissionRequestView View { get; private set; }

    /// <summary>Set when the request cannot be answered with an AdmissionReview; <see cref="Problem"/> says why.</summary>
    public AdmissionOutcome? Failure { get; private set; }

    public string? Problem { get; private set; }

    public ReadOnlySpan<byte> Uid => Body!.Memory.Span[View.Uid];

    public static async ValueTask<ReviewRequest> ReadAsync(HttpContext context, string expectedKind)
    {
        var review = await ReadBodyAsync(context);
        return review.Failure is null ? review.Parse(expectedKind) : review;
    }

    /// <summary>
    /// The media type and size checks and the body alone; <see cref="Parse"/> reads the envelope, so that a caller
    /// can do that synchronously, with per-thread storage in hand. Completes without waiting when the body has
    /// arrived whole and is not large (<see cref="RequestBody.ReadAsync"/>).
    /// </summary>
    public static async ValueTask<ReviewRequest> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(AdmissionOutcome.UnsupportedMediaType, AdmissionOutcomes.Message(AdmissionOutcome.UnsupportedMediaType) + ", not " + EchoedText.Quote(contentType));
        }

        var (body, refusal) = await RequestBody.ReadAsync(context.Request, RequestBody.MaxBytes, BodyBudget.Shared);
        if (body is null)
        {
            var outcome = refusal == AdmissionOutcome.Overloaded ? refusal : AdmissionOutcome.TooLarge;
            return Fail(outcome, AdmissionOutcomes.Message(outcome));
        }

        if (!LargeReviews.IsLarge(body.Length))
        {
            return new ReviewRequest(body, default, null, null);
        }

        // Held until the answer is written (Dispose): what injection makes of a large review lives that long.
        var large = LargeReviews.Shared;
        bool entered;
        try
        {
            entered = await large.EnterAsync(LargeReviews.MaxWait, context.RequestAborted);
        }
        catch
        {
            body.Dispose();
            throw;
        }

        if (!entered)
        {
            body.Dispose();
            return Fail(AdmissionOutcome.Overloaded, "no room to answer this review now: reviews over " + LargeReviews.ThresholdBytes + " bytes are answered "
                + LargeReviews.MaxAtOnce + " at a time and none finished within " + (int)LargeReviews.MaxWait.TotalSeconds + " s; retry, or run more replicas");
        }

        return new ReviewRequest(body, default, null, null, large);
    }

    /// <summary>
    /// Reads and checks the envelope of a body from <see cref="ReadBodyAsync"/>; given a workspace, the pod too, in
    /// the same pass (<see cref="AdmissionReader.Read(ReadOnlyMemory{byte}, InjectionWorkspace, InstrumentationSnapshot)"/>).
    /// A review that cannot be answered gets its <see cref="Failure"/> and gives its body back.
    /// </summary>
    public ReviewRequest Parse(string expectedKind, InjectionWorkspace? workspace = null, InstrumentationSnapshot? snapshot = null)
    {
        var body = Body!;
        try
        {
            View = workspace is null ? AdmissionReader.Read(body.Memory.Span) : AdmissionReader.Read(body.Memory, workspace, snapshot!);
        }
        catch (AdmissionFormatException e)
        {
            return Refuse(AdmissionOutcome.BadRequest, e.Message);
        }

        return Check(body.Memory.Span, View, expectedKind) is { } problem ? Refuse(AdmissionOutcome.BadRequest, problem) : this;
    }

    private ReviewRequest Refuse(AdmissionOutcome outcome, string problem)
    {
        Body!.Dispose();
        Body = null;
        View = default;
        Failure = outcome;
        Problem = problem;
        Interlocked.Exchange(ref _slotHeld, null)?.Leave();
        return this;
    }

    public void Dispose()
    {
        Body?.Dispose();
        Interlocked.Exchange(ref _slotHeld, null)?.Leave();
    }

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
