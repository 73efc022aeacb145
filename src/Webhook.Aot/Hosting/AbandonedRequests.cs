using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhook.Observability;

namespace Webhook.Hosting;

/// <summary>
/// Middleware that ends a request whose client went away, or whose body Kestrel cut for arriving too slowly, with
/// one Debug line. Left to escape, those exceptions reach Kestrel, which logs each one at Error with its stack
/// trace ("An unhandled exception was thrown by the application"): hundreds a minute under a slow-body attack, for
/// something the webhook handled as designed. Every other exception goes on to Kestrel as before.
/// </summary>
public static class AbandonedRequests
{
    public static Func<RequestDelegate, RequestDelegate> Middleware(ILogger log) => next => context => GuardAsync(next, context, log);

    private static async Task GuardAsync(RequestDelegate next, HttpContext context, ILogger log)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (Reason(e, context) is { } reason)
        {
            RequestLog.Abandoned(log, Cut(context.Request.Method), Cut(context.Request.Path.Value ?? ""), reason);

            // The body is left half read: Kestrel could neither drain it nor answer on this connection (it would log
            // an Error saying the body reader is in an invalid state). The connection (HTTP/2: the stream) is closed.
            context.Abort();
        }
    }

    /// <summary>The client chose the method and path: at most 100 characters of each go to the log.</summary>
    private static string Cut(string text) => text.Length <= 100 ? text : text[..100] + "…";

    /// <summary>Why the request ended without an answer, when that is the client's doing; null for our own faults.</summary>
    private static string? Reason(Exception e, HttpContext context) => e switch
    {
        // Kestrel's own refusals of the request: body slower than MinRequestBodyDataRate (408), malformed framing (400).
        BadHttpRequestException bad => "HTTP " + bad.StatusCode + ": " + bad.Message,
        ConnectionResetException => "the client reset the connection",
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => "the client closed the connection or reset the stream",
        // The request path reads and writes nothing but its connection: an I/O failure is the connection's, e.g. TLS
        // records that no longer decrypt (net_io_decrypt) after the client tore the connection down mid-body, which
        // can surface before Kestrel has marked the request aborted.
        IOException or SocketException => "the connection failed: " + e.GetType().Name + ": " + e.Message,
        _ => null,
    };
}
