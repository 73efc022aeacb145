using Microsoft.AspNetCore.Http;

namespace Webhook.Tests.Support;

/// <summary>An admission POST as Kestrel hands it to an endpoint: a JSON body of known length, and a response body to read back.</summary>
public static class ReviewPost
{
    public static (DefaultHttpContext Context, MemoryStream Answer) Create(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        var answer = new MemoryStream();
        context.Response.Body = answer;
        return (context, answer);
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="handle"/> and completes the response once it returns, as the
    /// server does: an endpoint may leave its answer in the response's buffer for the server to send.
    /// </summary>
    public static async Task<(int Status, byte[] Answer)> AnswerAsync(RequestDelegate handle, byte[] body)
    {
        var (context, answer) = Create(body);
        await handle(context);
        await context.Response.CompleteAsync();
        return (context.Response.StatusCode, answer.ToArray());
    }
}
