using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Webhook.Hosting;
using Webhook.Tests.Support;

namespace Webhook.Tests.Hosting;

/// <summary>
/// Clients that tear a TLS connection down in the middle of a review, against the real server: each such request
/// ends as one Debug line (1401 from the webhook's middleware, or 1402 for what Kestrel caught itself) and no line
/// at Error (a Warning such as Kestrel's slow heartbeat on a busy machine is not the connection's). Before, a reset mid-body or TLS records that no longer decrypt gave Kestrel's "An unhandled
/// exception was thrown by the application" (net_io_decrypt) and "automatic draining of the request body failed",
/// and a reset while the answer was written "Unexpected exception in TimingPipeFlusher", each an Error with a stack
/// trace. Nothing waits for a time: each test waits for Kestrel's "connection stopped" line, after which the
/// connection logs nothing more.
/// </summary>
public sealed class TornDownConnectionTests
{
    private const int Abandoned = 1401;
    private const int TornDown = 1402;
    private const int KestrelConnectionStopped = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);


    [Fact]
    public async Task A_reset_in_the_middle_of_the_body_is_one_debug_line()
    {
        var logs = new LogRecorder();
        await using var host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation, logs);
        var (tcp, tls) = await ConnectAsync(host.Port);
        await SendHeadersAndPartOfTheBodyAsync(tls);
        await logs.WaitForAsync(IsRequestStarted, Patience);

        Reset(tcp);

        await AssertOneDebugLineAndNoErrorAsync(logs);
    }

    [Fact]
    public async Task Records_that_no_longer_decrypt_in_the_middle_of_the_body_are_one_debug_line()
    {
        var logs = new LogRecorder();
        await using var host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation, logs);
        var (tcp, tls) = await ConnectAsync(host.Port);
        await SendHeadersAndPartOfTheBodyAsync(tls);
        await logs.WaitForAsync(IsRequestStarted, Patience);

        // Bytes that are no TLS record, written under the TLS layer: the server's next read fails to decrypt.
        await tcp.GetStream().WriteAsync(Enumerable.Repeat((byte)0x17, 4096).ToArray());
        await tcp.GetStream().FlushAsync();

        await AssertOneDebugLineAndNoErrorAsync(logs);
        tcp.Dispose();
    }

    [Fact]
    public async Task A_reset_right_after_a_whole_review_logs_nothing_above_debug()
    {
        var logs = new LogRecorder();
        await using var host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation, logs);
        var (tcp, tls) = await ConnectAsync(host.Port);
        var body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "bench", "large.review.json"));
        await tls.WriteAsync(Head(body.Length));
        await tls.WriteAsync(body);
        await tls.FlushAsync();

        // The answer is written to a connection that is gone, or the body's last bytes are lost with it: either way
        // the client's doing. (The server may also have written the answer before the reset came: then no line.)
        Reset(tcp);

        await logs.WaitForAsync(IsConnectionStopped, Patience);
        Assert.DoesNotContain(logs.Lines, line => line.Level >= LogLevel.Error);
        Assert.True(logs.Lines.Count(IsEndedByClient) <= 1, Dump(logs));
    }

    [Fact]
    public void A_kestrel_error_that_is_not_the_connections_stays_an_error()
    {
        var logs = new LogRecorder();
        using var provider = new ConnectionTeardownLogs(logs, LogLevel.Debug);
        var kestrel = provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");

        kestrel.LogError(new EventId(13), new InvalidOperationException("a fault of the webhook"), "An unhandled exception was thrown by the application.");
        kestrel.LogError(0, new IOException("net_io_encrypt"), "Unexpected exception in TimingPipeFlusher.FlushAsync.");

        Assert.Collection(
            logs.Lines,
            error =>
            {
                Assert.Equal(LogLevel.Error, error.Level);
                Assert.IsType<InvalidOperationException>(error.Exception);
            },
            tornDown =>
            {
                Assert.Equal((LogLevel.Debug, TornDown), (tornDown.Level, tornDown.EventId));
                Assert.Null(tornDown.Exception);
                Assert.Contains("TimingPipeFlusher", tornDown.Message, StringComparison.Ordinal);
            });
    }

    private static async Task AssertOneDebugLineAndNoErrorAsync(LogRecorder logs)
    {
        var line = await logs.WaitForAsync(IsEndedByClient, Patience);
        await logs.WaitForAsync(IsConnectionStopped, Patience);

        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Null(line.Exception);
        Assert.True(logs.Lines.Where(l => l.Level >= LogLevel.Error).ToList() is [], Dump(logs));
        Assert.True(logs.Lines.Count(IsEndedByClient) == 1, Dump(logs));
    }

    private static bool IsEndedByClient(LogLine line) => line.EventId is Abandoned or TornDown;

    /// <summary>
    /// ASP.NET Core's "Request starting … POST …/mutate-v1-pod": the server has the request, so a reset from now on
    /// ends a request (before it, the reset could discard the unread headers with the connection: no request at all).
    /// </summary>
    private static bool IsRequestStarted(LogLine line)
        => line.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && line.EventId == 1 && line.Message.Contains("/mutate-v1-pod", StringComparison.Ordinal);

    /// <summary>Kestrel's "Connection id … stopped": the test's connection (the host's own HTTP/2 client stays open).</summary>
    private static bool IsConnectionStopped(LogLine line)
        => line.EventId == KestrelConnectionStopped && line.Category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal);

    private static string Dump(LogRecorder logs)
        => string.Join(" | ", logs.Lines.Where(l => l.Level >= LogLevel.Information || l.EventId is Abandoned or TornDown).Select(l => l.Level + " " + l.EventId + " " + l.Message + " " + l.Exception?.GetType().Name));

    private static async Task<(TcpClient Tcp, SslStream Tls)> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: true, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("localhost");
        return (tcp, tls);
    }

    /// <summary>An HTTP/1.1 POST of a 3 MiB review, of which the headers and 64 KiB of body are sent.</summary>
    private static async Task SendHeadersAndPartOfTheBodyAsync(SslStream tls)
    {
        await tls.WriteAsync(Head(3 * 1024 * 1024));
        await tls.WriteAsync(Encoding.ASCII.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + new string('u', 64 * 1024)));
        await tls.FlushAsync();
    }

    private static byte[] Head(int contentLength) => Encoding.ASCII.GetBytes(
        "POST /mutate-v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n");

    /// <summary>Closes with a TCP reset instead of a FIN (linger on, zero seconds), without TLS's close_notify.</summary>
    private static void Reset(TcpClient tcp)
    {
        tcp.Client.LingerState = new LingerOption(true, 0);
        tcp.Client.Close();
        tcp.Dispose();
    }
}
