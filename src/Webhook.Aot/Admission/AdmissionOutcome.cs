namespace Webhook.Admission;

/// <summary>Every way an admission request ends. The one switch below maps each to the HTTP status and the allowed flag.</summary>
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

public static class AdmissionOutcomes
{
    public static int HttpStatus(AdmissionOutcome outcome) => outcome switch
    {
        AdmissionOutcome.BadRequest => 400,
        AdmissionOutcome.TooLarge => 413,
        AdmissionOutcome.UnsupportedMediaType => 415,
        AdmissionOutcome.Overloaded => 503,
        _ => 200,
    };

    /// <summary>The label of the requests metric: stable names, never renamed.</summary>
    public static string MetricLabel(AdmissionOutcome outcome) => outcome switch
    {
        AdmissionOutcome.Patched => "patched",
        AdmissionOutcome.Unchanged => "unchanged",
        AdmissionOutcome.FailedOpen => "failed_open",
        AdmissionOutcome.Allowed => "allowed",
        AdmissionOutcome.Denied => "denied",
        AdmissionOutcome.BadRequest => "bad_request",
        AdmissionOutcome.TooLarge => "too_large",
        AdmissionOutcome.Overloaded => "overloaded",
        _ => "unsupported_media_type",
    };
}
