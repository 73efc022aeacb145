using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Webhook.Hosting;

// empty-server --cert-dir DIR --port N [--answer-bytes B]
// The same Kestrel setup as src/Webhook.Aot/Hosting/WebhookHost.cs (HTTPS in code with a certificate selector,
// HTTP/1.1 and HTTP/2, TLS 1.2+, the webhook's own Kestrel limits, linked from KestrelLimits.cs), no logging, no
// routing middleware (a path check, as the webhook's route table is), and handlers that do nothing: POST
// /mutate-v1-pod answers 200 with an empty body, GET /readyz answers "ready". What it costs is the floor under ours.
// With --answer-bytes B, POST reads the whole request body and answers B bytes of JSON instead: the HTTP work every
// admission needs (a review in, a response of that size out) without the webhook's own (bench/load-test --io-floor).
// That floor does no more than it must, the cheapest way Kestrel allows: it takes the body as it lies in the pipe
// without copying it and waits only when it has not all arrived, and it answers as the webhook does (status 200,
// Content-Type application/json, the bytes written into the response's buffer and sent with the end of the response,
// never flushed first).
var certDir = Option(args, "--cert-dir") ?? throw new ArgumentException("usage: empty-server --cert-dir DIR --port N [--answer-bytes B]");
var port = int.Parse(Option(args, "--port") ?? "9443", System.Globalization.CultureInfo.InvariantCulture);
var answer = Option(args, "--answer-bytes") is { } answerBytes ? Answer(int.Parse(answerBytes, System.Globalization.CultureInfo.InvariantCulture)) : null;
var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(certDir, "tls.crt"), Path.Combine(certDir, "tls.key"));

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    KestrelLimits.Apply(kestrel.Limits);
    kestrel.Listen(IPAddress.Loopback, port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ServerCertificateSelector = (_, _) => certificate,
        });
    });
});

var app = builder.Build();
RequestDelegate mutate = answer is null ? Empty : context => ReadAndAnswer(context, answer);
app.Run(context =>
{
    var path = context.Request.Path.Value;
    if (HttpMethods.IsPost(context.Request.Method) && path == "/mutate-v1-pod")
    {
        return mutate(context);
    }

    if (HttpMethods.IsGet(context.Request.Method) && path == "/readyz")
    {
        return context.Response.WriteAsync("ready\n");
    }

    context.Response.StatusCode = 404;
    return Task.CompletedTask;
});
app.Run();

static Task Empty(HttpContext context)
{
    context.Response.StatusCode = 200;
    return Task.CompletedTask;
}

// The body as it lies in the pipe, consumed without a copy; an asynchronous read only while it is still arriving.
static Task ReadAndAnswer(HttpContext context, byte[] answer)
{
    var body = context.Request.BodyReader;
    while (body.TryRead(out var read))
    {
        body.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            Write(context.Response, answer);
            return Task.CompletedTask;
        }
    }

    return ReadRestAndAnswerAsync(context, body, answer);
}

static async Task ReadRestAndAnswerAsync(HttpContext context, PipeReader body, byte[] answer)
{
    while (true)
    {
        var read = await body.ReadAsync(context.RequestAborted);
        body.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            Write(context.Response, answer);
            return;
        }
    }
}

static void Write(HttpResponse response, byte[] answer)
{
    response.StatusCode = 200;
    response.ContentType = "application/json";
    response.BodyWriter.Write(answer);
}

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// A JSON string of the given size: {"a":"aaa…"}.
static byte[] Answer(int bytes)
{
    var answer = new byte[Math.Max(bytes, 8)];
    answer.AsSpan().Fill((byte)'a');
    "{\"a\":\""u8.CopyTo(answer);
    "\"}"u8.CopyTo(answer.AsSpan(answer.Length - 2));
    return answer;
}
