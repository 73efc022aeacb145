using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

// empty-server --cert-dir DIR --port N [--answer-bytes B]
// The same Kestrel setup as src/Webhook.Aot/Hosting/WebhookHost.cs (slim builder, HTTPS in code with a certificate
// selector, HTTP/1.1 and HTTP/2, TLS 1.2+, the same body cap), no logging, and handlers that do nothing: POST
// /mutate-v1-pod answers 200 with an empty body, GET /readyz answers "ready". What it costs is the floor under ours.
// With --answer-bytes B, POST reads the whole request body and answers B bytes of JSON instead: the HTTP work every
// admission needs (a review in, a response of that size out) without the webhook's own, to split the gap between the
// two servers (bench/load-test --io-floor).
var certDir = Option(args, "--cert-dir") ?? throw new ArgumentException("usage: empty-server --cert-dir DIR --port N [--answer-bytes B]");
var port = int.Parse(Option(args, "--port") ?? "9443", System.Globalization.CultureInfo.InvariantCulture);
var answer = Option(args, "--answer-bytes") is { } answerBytes ? Answer(int.Parse(answerBytes, System.Globalization.CultureInfo.InvariantCulture)) : null;
var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(certDir, "tls.crt"), Path.Combine(certDir, "tls.key"));

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = 7 * 1024 * 1024;
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
RequestDelegate mutate = answer is null
    ? context =>
    {
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    }
    : async context =>
    {
        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(context.RequestAborted);
            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    };
app.MapPost("/mutate-v1-pod", mutate);
app.MapGet("/readyz", (HttpContext context) => context.Response.WriteAsync("ready\n"));
app.Run();

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
