using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Webhook.Tests.Support;

/// <summary>
/// An OTLP/HTTP receiver on a free loopback port: keeps the protobuf body of every POST to /v1/metrics and /v1/traces
/// and answers 200 with an empty response message, as a collector does.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Endpoint => "http://127.0.0.1:" + Port;

    /// <summary>Each ExportMetricsServiceRequest received, decoded.</summary>
    public IEnumerable<OtlpResource> Metrics => Requests("/v1/metrics");

    /// <summary>Each ExportTraceServiceRequest received, decoded.</summary>
    public IEnumerable<OtlpResource> Traces => Requests("/v1/traces");

    public IEnumerable<string> Paths => _received.Select(r => r.Path);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private IEnumerable<OtlpResource> Requests(string path)
        => _received.Where(r => r.Path == path).SelectMany(r => Protobuf.Parse(r.Body).Messages(1)).Select(resource => new OtlpResource(resource)).ToList();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// One ResourceMetrics or ResourceSpans of OTLP: field 1 the Resource (its field 1 the attributes), field 2 the
/// scopes, each with its scope (field 1, name in its field 1) and its metrics or spans (field 2).
/// </summary>
public sealed class OtlpResource(Protobuf message)
{
    public IReadOnlyDictionary<string, string> Attributes { get; } = OtlpAttributes.Of(message.Message(1)?.Messages(1) ?? []);

    /// <summary>Metric (name in field 1) or Span messages, by the name of the scope that made them.</summary>
    public IEnumerable<(string Scope, Protobuf Item)> Items
        => message.Messages(2).SelectMany(scope => scope.Messages(2).Select(item => (scope.Message(1)?.String(1) ?? "", item)));
}

/// <summary>KeyValue (key in field 1, AnyValue in field 2: string 1, bool 2, int 3, array 5 of AnyValue) as text.</summary>
public static class OtlpAttributes
{
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<Protobuf> keyValues)
        => keyValues.ToDictionary(kv => kv.String(1) ?? "", kv => Text(kv.Message(2)));

    private static string Text(Protobuf? value)
        => value is null ? ""
            : value.String(1) is { } text ? text
            : value.Message(5) is { } array ? string.Join(",", array.Messages(1).Select(Text))
            : value.Scalar(3).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
