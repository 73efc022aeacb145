namespace Webhook.Sources;

/// <summary>
/// Sends the configured <c>tls-server-name</c> as the Host header, as the client library does: SocketsHttpHandler
/// takes the Host header for SNI and for the name the server certificate must carry.
/// </summary>
internal sealed class TlsServerNameHandler(string serverName, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Host = serverName;
        return base.SendAsync(request, cancellationToken);
    }
}
