using Microsoft.AspNetCore.Http;
using Webhook.Observability;

namespace Webhook.Hosting;

/// <summary>Counts an admission route's requests in flight, from routing until the handler is done, whatever way it ends.</summary>
internal static class InFlightRequests
{
    public static RequestDelegate Counted(WebhookMetrics metrics, string endpoint, RequestDelegate handle) => async context =>
    {
        metrics.RequestStarted(endpoint);
        try
        {
            await handle(context);
        }
        finally
        {
            metrics.RequestFinished(endpoint);
        }
    };
}
