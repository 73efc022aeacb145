using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace Webhook.Sources;

/// <summary>
/// The HTTP pipeline to the API server that a <see cref="KubernetesClientConfiguration"/> describes, built without
/// the client library's <c>Kubernetes</c> class: constructing that class roots its JSON metadata for every
/// Kubernetes type, which is most of the library's size in the published binary.
/// </summary>
internal sealed class ApiServerConnection : IDisposable
{
    private readonly X509Certificate2? _clientCertificate;

    private ApiServerConnection(HttpClient http, Uri baseUri, ServiceClientCredentials? credentials, X509Certificate2? clientCertificate)
    {
        Http = http;
        BaseUri = baseUri;
        Credentials = credentials;
        _clientCertificate = clientCertificate;
    }

    public HttpClient Http { get; }

    public Uri BaseUri { get; }

    /// <summary>Applied to each request by the caller; null when the configuration has no token or password.</summary>
    public ServiceClientCredentials? Credentials { get; }

    public static ApiServerConnection Open(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var baseUri = BaseUriOf(configuration);
        var credentials = ApiServerCredentials.From(configuration);
        var clientCertificate = ApiServerClientCertificate.From(configuration);
        try
        {
            HttpMessageHandler handler = ApiServerHandler.Create(configuration, baseUri, clientCertificate);
            if (!string.IsNullOrWhiteSpace(configuration.TlsServerName))
            {
                handler = new TlsServerNameHandler(configuration.TlsServerName, handler);
            }

            // No overall timeout: watches stay open for minutes; lists carry their own deadline.
            var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            if (!string.IsNullOrWhiteSpace(configuration.UserAgent))
            {
                http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", configuration.UserAgent);
            }

            return new ApiServerConnection(http, baseUri, credentials, clientCertificate);
        }
        catch
        {
            clientCertificate?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        _clientCertificate?.Dispose();
    }

    private static Uri BaseUriOf(KubernetesClientConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.Host))
        {
            throw new KubeConfigException("Host url must be set");
        }

        try
        {
            return new Uri(configuration.Host);
        }
        catch (UriFormatException e)
        {
            throw new KubeConfigException("Bad host url", e);
        }
    }
}
