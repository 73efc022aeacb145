using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Webhook.Sources;

/// <summary>The socket handler to the API server, set up as the client library's <c>Kubernetes</c> constructor sets it up.</summary>
internal static class ApiServerHandler
{
    public static SocketsHttpHandler Create(KubernetesClientConfiguration configuration, Uri baseUri, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // Pings find a dead HTTP/2 connection under a quiet watch sooner than the watch's own timeout would.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
        };

        // Before the TLS settings below, so that those win over the hook's, as in the library.
        configuration.FirstMessageHandlerSetup?.Invoke(handler);

        if (baseUri.Scheme == Uri.UriSchemeHttps)
        {
            var check = ApiServerCertificateCheck.For(configuration);
            if (check is not null)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = check;
            }
        }

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };

            // Offered even when the server's list of acceptable issuers would not select it.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return handler;
    }
}
