using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Webhook.Sources;

/// <summary>How the API server's certificate is judged: not at all with <c>SkipTlsVerify</c>; against the configured
/// CAs alone when there are some; otherwise by the system's trust store (no callback).</summary>
internal static class ApiServerCertificateCheck
{
    public static RemoteCertificateValidationCallback? For(KubernetesClientConfiguration configuration)
    {
        if (configuration.SkipTlsVerify)
        {
            return static (_, _, _, _) => true;
        }

        var authorities = configuration.SslCaCerts;
        return authorities is null ? null : (_, certificate, chain, errors) => IsIssuedBy(authorities, certificate, chain, errors);
    }

    /// <summary>
    /// True when <paramref name="certificate"/> chains to one of <paramref name="authorities"/> and names the host.
    /// A certificate the system trusts is still refused unless one of the configured CAs issued it, as kubectl does.
    /// </summary>
    public static bool IsIssuedBy(X509Certificate2Collection authorities, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Only the chain is judged again here; a name mismatch or a missing certificate stays fatal.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0 || certificate is not X509Certificate2 leaf || chain is null)
        {
            return false;
        }

        // The chain TLS built keeps the intermediates the server sent (ExtraStore) and the server-auth usage check.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Clear();
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        return chain.Build(leaf);
    }
}
