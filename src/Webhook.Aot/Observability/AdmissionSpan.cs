using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Webhook.Observability;

/// <summary>
/// One server span per admission request, when traces are exported (a TracerProvider listens to
/// <see cref="SourceName"/>); otherwise <see cref="Start"/> returns an empty span and costs nothing. Its parent is
/// the API server's <c>traceparent</c>, when it sends one, and its sampling is the SDK's (<c>OTEL_TRACES_SAMPLER</c>).
/// The decision goes on it as attributes; log lines written while it is current carry its trace and span ids.
/// </summary>
public readonly struct AdmissionSpan : IDisposable
{
    public const string SourceName = WebhookTelemetry.ServiceName;

    private static readonly ActivitySource s_source = new(SourceName);

    private readonly Activity? _span;
    private readonly Activity? _outer;
    private readonly HttpContext? _context;

    private AdmissionSpan(Activity span, Activity? outer, HttpContext context)
    {
        _span = span;
        _outer = outer;
        _context = context;
    }

    /// <summary>The span of the admission this thread is answering, when it is recorded.</summary>
    public static Activity? Current => Activity.Current is { Recorded: true } span && span.Source == s_source ? span : null;

    public static AdmissionSpan Start(HttpContext context, string name, string path)
    {
        if (!s_source.HasListeners())
        {
            return default;
        }

        var headers = context.Request.Headers;
        ActivityContext.TryParse(headers.TraceParent, headers.TraceState, isRemote: true, out var parent);
        // ASP.NET Core keeps an Activity of its own for every request, which nothing exports: hidden while this span
        // starts, so that the span's parent is the caller's, or none, and never an id no collector will see.
        var outer = Activity.Current;
        Activity.Current = null;
        var span = s_source.StartActivity(name, ActivityKind.Server, parent);
        if (span is null)
        {
            Activity.Current = outer;
            return default;
        }

        if (span.IsAllDataRequested)
        {
            span.SetTag("http.request.method", "POST");
            span.SetTag("http.route", path);
            span.SetTag("url.path", path);
        }

        return new AdmissionSpan(span, outer, context);
    }

    /// <summary>Records the answer's status code, ends the span and puts ASP.NET Core's Activity back.</summary>
    public void Dispose()
    {
        if (_span is null)
        {
            return;
        }

        if (_span.IsAllDataRequested)
        {
            _span.SetTag("http.response.status_code", _context!.Response.StatusCode);
        }

        _span.Dispose();
        Activity.Current = _outer;
    }
}
