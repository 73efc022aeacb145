using System.Globalization;

namespace Webhook.Admission;

/// <summary>Every way an admission request ends. <see cref="AdmissionOutcomes"/> holds what each means: status, metric label, message.</summary>
public enum AdmissionOutcome
{
    /// <summary>Injection changed the pod; the response carries a JSON Patch.</summary>
    Patched,

    /// <summary>Nothing to change (asked for nothing, not a pod create, or only warnings).</summary>
    Unchanged,

    /// <summary>Our own fault: the pod is admitted unchanged with a warning, logged with its uid.</summary>
    FailedOpen,

    /// <summary>An Instrumentation passed validation.</summary>
    Allowed,

    /// <summary>An Instrumentation failed validation; the user's request is refused with the reasons.</summary>
    Denied,

    /// <summary>Not an AdmissionReview we can read: HTTP 400 with a precise message.</summary>
    BadRequest,

    /// <summary>Body over the size cap: HTTP 413, refused before it is read whole.</summary>
    TooLarge,

    /// <summary>Not JSON: HTTP 415.</summary>
    UnsupportedMediaType,

    /// <summary>
    /// The bodies in flight already hold the whole <see cref="BodyBudget"/> (or the heap had no room for the buffer):
    /// HTTP 503, and the API server applies the webhook's failurePolicy (the pod webhook's is Ignore: the pod is
    /// admitted unchanged).
    /// </summary>
    Overloaded,
}

/// <summary>What an outcome means outside the code: its HTTP status, its metric label and, for the refusals always worded alike, its message.</summary>
public readonly record struct AdmissionOutcomeRow(int HttpStatus, string MetricLabel, string? Message);

/// <summary>The one table of outcomes. Metric labels are stable names, never renamed.</summary>
public static class AdmissionOutcomes
{
    private static readonly string s_tooLarge = string.Create(CultureInfo.InvariantCulture,
        $"the body is larger than {RequestBody.MaxBytes} bytes, more than any AdmissionReview can be");

    private static readonly string s_overloaded = string.Create(CultureInfo.InvariantCulture,
        $"no room to buffer this body now: the request bodies in flight are capped at {BodyBudget.SharedCapBytes} bytes together; retry, or run more replicas");

    /// <summary>The row of <paramref name="outcome"/>. A bad request has no fixed message: what is wrong with it is the message.</summary>
    public static AdmissionOutcomeRow Of(AdmissionOutcome outcome) => outcome switch
    {
        AdmissionOutcome.Patched => new(200, "patched", null),
        AdmissionOutcome.Unchanged => new(200, "unchanged", null),
        AdmissionOutcome.FailedOpen => new(200, "failed_open", null),
        AdmissionOutcome.Allowed => new(200, "allowed", null),
        AdmissionOutcome.Denied => new(200, "denied", null),
        AdmissionOutcome.BadRequest => new(400, "bad_request", null),
        AdmissionOutcome.TooLarge => new(413, "too_large", s_tooLarge),
        AdmissionOutcome.UnsupportedMediaType => new(415, "unsupported_media_type", "Content-Type must be application/json"),
        AdmissionOutcome.Overloaded => new(503, "overloaded", s_overloaded),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not an admission outcome"),
    };

    public static int HttpStatus(AdmissionOutcome outcome) => Of(outcome).HttpStatus;

    public static string MetricLabel(AdmissionOutcome outcome) => Of(outcome).MetricLabel;

    /// <summary>The refusal message of an outcome that has one (see <see cref="Of"/>).</summary>
    public static string Message(AdmissionOutcome outcome)
        => Of(outcome).Message ?? throw new ArgumentException("outcome " + outcome + " has no fixed message", nameof(outcome));
}
