using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhook.Admission;
using Webhook.Hosting;
using Webhook.Tests.Support;

namespace Webhook.Tests.Hosting;

/// <summary>
/// Kestrel on 127.0.0.1 with the webhook's limits and middleware, reading bodies as the admission endpoints do: a
/// body that trickles in is cut, a client that leaves mid-body is let go, and each ends as one Debug line without an
/// exception, where Kestrel would otherwise log an Error with a stack trace. Nothing waits for a time: each test
/// waits for the log line, with a generous limit.
/// </summary>
public sealed class AbandonedRequestsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_body_slower_than_the_minimum_rate_is_cut_and_logged_at_debug_without_an_exception()
    {
        await using var server = await Server.StartAsync();
        using var client = await server.SendHeadersAndAFewBytesAsync();

        // The client keeps the connection open and sends nothing more: the minimum body rate cuts it after its grace period.
        var entry = await server.WaitForAbandonedAsync();

        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("HTTP 408", entry.Message, StringComparison.Ordinal);
        Assert.Empty(server.EntriesAtWarningOrAbove());
        Assert.Equal(0, server.HandlersCompleted);
    }

    [Fact]
    public async Task A_client_that_closes_mid_body_is_logged_at_debug_without_an_exception()
    {
        await using var server = await Server.StartAsync();
        var client = await server.SendHeadersAndAFewBytesAsync();
        client.Client.Shutdown(SocketShutdown.Both);
        client.Dispose();

        var entry = await server.WaitForAbandonedAsync();

        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Empty(server.EntriesAtWarningOrAbove());
    }

    [Fact]
    public async Task An_exception_of_our_own_still_reaches_kestrel()
    {
        await using var server = await Server.StartAsync(_ => throw new InvalidOperationException("a fault of the webhook"));
        using var client = await server.SendHeadersAndAFewBytesAsync(declared: 3);

        var entry = await server.WaitForAsync(e => e.Level == LogLevel.Error);

        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.DoesNotContain(server.Entries, e => e.EventId == 1401);
    }

    private sealed class Server : IAsyncDisposable
    {
        private readonly LogRecorder _logs = new();
        private WebApplication _app = null!;
        private int _port;
        private int _handlersCompleted;

        public IReadOnlyList<LogLine> Entries => _logs.Lines;

        public int HandlersCompleted => Volatile.Read(ref _handlersCompleted);

        public static async Task<Server> StartAsync(RequestDelegate? handler = null)
        {
            var server = new Server();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                KestrelLimits.Apply(kestrel.Limits);
                kestrel.Listen(IPAddress.Loopback, 0);
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(server._logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
            server._app = builder.Build();
            server._app.Use(AbandonedRequests.Middleware(server._app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("otel-webhook")));
            server._app.Run(handler ?? server.ReadReviewAsync);
            await server._app.StartAsync();
            server._port = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            return server;
        }

        /// <summary>A POST declaring <paramref name="declared"/> bytes (7 MiB by default), of which 3 are sent.</summary>
        public async Task<TcpClient> SendHeadersAndAFewBytesAsync(int declared = ServeOptions.MaxRequestBytes)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _port);
            var head = "POST /mutate-v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n{\"a";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            return client;
        }

        public Task<LogLine> WaitForAbandonedAsync() => WaitForAsync(e => e.EventId == 1401);

        public Task<LogLine> WaitForAsync(Func<LogLine, bool> match) => _logs.WaitForAsync(match, Patience);

        public IReadOnlyList<LogLine> EntriesAtWarningOrAbove() => [.. Entries.Where(e => e.Level >= LogLevel.Warning)];

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task ReadReviewAsync(HttpContext context)
        {
            using var review = await ReviewRequest.ReadAsync(context, "Pod");
            Interlocked.Increment(ref _handlersCompleted);
        }
    }
}
