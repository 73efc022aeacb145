using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhook.Observability;

namespace Webhook.Admission;

/// <summary>Plain-text refusals for requests that are not AdmissionReviews we can answer.</summary>
public static class Responses
{
    public static async Task RefuseAsync(HttpContext context, AdmissionOutcome outcome, string problem, ILogger log)
    {
        var status = AdmissionOutcomes.HttpStatus(outcome);
        Log.BadRequest(log, status, problem);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(problem + "\n", context.RequestAborted);
    }
}
