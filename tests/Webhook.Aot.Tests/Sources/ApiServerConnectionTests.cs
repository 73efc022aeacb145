using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>The pipeline <see cref="ApiServerClient.From"/> builds from a client configuration, against a fake API
/// server over TLS: who is trusted, what credentials and certificates are sent.</summary>
public sealed class ApiServerConnectionTests : IDisposable
{
    private readonly X509Certificate2 _clusterCa = TestCertificates.Authority("cluster-ca");
    private readonly X509Certificate2 _otherCa = TestCertificates.Authority("other-ca");
    private readonly List<X509Certificate2> _serverCertificates = new();

    public void Dispose()
    {
        _clusterCa.Dispose();
        _otherCa.Dispose();
        _serverCertificates.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task List_AccessToken_SentAsBearerOverHttp2()
    {
        await using var server = await ServerAsync(_clusterCa);
        var configuration = Trusting(server, _clusterCa);
        configuration.AccessToken = "token-from-kubeconfig";

        await ListAsync(configuration);

        var request = Assert.Single(server.Namespaces.Requests);
        Assert.Equal("Bearer token-from-kubeconfig", request.Authorization);
        Assert.Equal("HTTP/2", request.Protocol);
    }

    [Fact]
    public async Task List_TokenFile_SentAsBearer()
    {
        await using var server = await ServerAsync(_clusterCa);
        var tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(tokenFile, "service-account-token\n");
            var configuration = Trusting(server, _clusterCa);
            configuration.TokenProvider = new TokenFileAuth(tokenFile);

            await ListAsync(configuration);

            Assert.Equal("Bearer service-account-token", Assert.Single(server.Namespaces.Requests).Authorization);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task List_TokenProvider_AskedAgainForEachRequest()
    {
        await using var server = await ServerAsync(_clusterCa);
        var configuration = Trusting(server, _clusterCa);
        configuration.TokenProvider = new RotatingTokens();
        using var client = ApiServerClient.From(configuration);

        await client.ListAsync(WatchedResource.Namespaces, 10, null, CancellationToken.None);
        await client.ListAsync(WatchedResource.Namespaces, 10, null, CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], server.Namespaces.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task List_UsernameAndPassword_SentAsBasic()
    {
        await using var server = await ServerAsync(_clusterCa);
        var configuration = Trusting(server, _clusterCa);
        configuration.Username = "admin";
        configuration.Password = "secret";

        await ListAsync(configuration);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:secret"));
        Assert.Equal(expected, Assert.Single(server.Namespaces.Requests).Authorization);
    }

    [Fact]
    public async Task List_ServerCertificateFromAnotherCa_Refused()
    {
        await using var server = await ServerAsync(_otherCa);
        var configuration = Trusting(server, _clusterCa);
        configuration.AccessToken = "never-sent";

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => ListAsync(configuration));

        Assert.IsType<AuthenticationException>(failure.InnerException);
        Assert.Empty(server.Namespaces.Requests);
    }

    [Fact]
    public async Task List_ServerCertificateFromAnotherCaWithSkipTlsVerify_Accepted()
    {
        await using var server = await ServerAsync(_otherCa);
        var configuration = Trusting(server, _clusterCa);
        configuration.SkipTlsVerify = true;

        await ListAsync(configuration);

        Assert.Single(server.Namespaces.Requests);
    }

    [Fact]
    public async Task List_ServerCertificateForAnotherName_Refused()
    {
        await using var server = await ServerAsync(_clusterCa, "apiserver.cluster.test");
        var configuration = Trusting(server, _clusterCa);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => ListAsync(configuration));

        Assert.IsType<AuthenticationException>(failure.InnerException);
    }

    [Fact]
    public async Task List_TlsServerName_IsTheNameTheCertificateMustCarry()
    {
        await using var server = await ServerAsync(_clusterCa, "apiserver.cluster.test");
        var configuration = Trusting(server, _clusterCa);
        configuration.TlsServerName = "apiserver.cluster.test";

        await ListAsync(configuration);

        Assert.Equal("apiserver.cluster.test", Assert.Single(server.Namespaces.Requests).Host);
    }

    [Fact]
    public async Task List_ClientCertificateData_PresentedToServer()
    {
        await using var server = await ServerAsync(_clusterCa);
        using var clientCertificate = TestCertificates.Client(_clusterCa, "webhook");
        var configuration = Trusting(server, _clusterCa);
        configuration.ClientCertificateData = TestCertificates.CertificateData(clientCertificate);
        configuration.ClientCertificateKeyData = TestCertificates.KeyData(clientCertificate);

        await ListAsync(configuration);

        var request = Assert.Single(server.Namespaces.Requests);
        Assert.Equal(clientCertificate.Thumbprint, request.ClientCertificateThumbprint);
        Assert.Equal("", request.Authorization);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("not a url")]
    public void From_UnusableHost_Throws(string? host)
    {
        Assert.Throws<KubeConfigException>(() => ApiServerClient.From(new KubernetesClientConfiguration { Host = host }));
    }

    private Task<FakeKubernetesApi> ServerAsync(X509Certificate2 issuer, string? dnsName = null)
    {
        var certificate = TestCertificates.Server(issuer, dnsName);
        _serverCertificates.Add(certificate);
        return FakeKubernetesApi.StartAsync(certificate);
    }

    private static KubernetesClientConfiguration Trusting(FakeKubernetesApi server, X509Certificate2 authority) => new()
    {
        Host = server.BaseUri.AbsoluteUri,
        SslCaCerts = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(authority.RawData)),
    };

    private static async Task ListAsync(KubernetesClientConfiguration configuration)
    {
        using var client = ApiServerClient.From(configuration);
        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        await client.ListAsync(WatchedResource.Namespaces, 10, null, deadline.Token);
    }

    private sealed class RotatingTokens : ITokenProvider
    {
        private int _issued;

        public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new AuthenticationHeaderValue("Bearer", "token-" + Interlocked.Increment(ref _issued)));
    }
}
