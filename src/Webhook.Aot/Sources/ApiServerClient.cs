using System.Globalization;
using System.Net;
using k8s;
using k8s.Authentication;

namespace Webhook.Sources;

/// <summary>
/// Requests to the API server: lists and watches, and the writes Events need, over the pipeline <see cref="ApiServerConnection"/> builds
/// from a <see cref="KubernetesClientConfiguration"/> (CA, client certificate, token refresh).
/// </summary>
internal sealed class ApiServerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly ServiceClientCredentials? _credentials;
    private readonly IDisposable? _owner;

    public ApiServerClient(HttpClient http, Uri baseUri, ServiceClientCredentials? credentials, IDisposable? owner)
    {
        _http = http;
        var text = baseUri.AbsoluteUri;
        _baseUri = text.EndsWith('/') ? baseUri : new Uri(text + "/");
        _credentials = credentials;
        _owner = owner;
    }

    public static ApiServerClient From(KubernetesClientConfiguration configuration)
    {
        var connection = ApiServerConnection.Open(configuration);
        return new ApiServerClient(connection.Http, connection.BaseUri, connection.Credentials, connection);
    }

    public async Task<ResourceListPage> ListAsync(WatchedResource resource, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"{resource.Path}?limit={limit}")
            + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
        using var response = await SendAsync(query, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await ResourceListPage.ReadAsync(body, resource, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a watch; the caller reads the body line by line and disposes the response.</summary>
    public Task<HttpResponseMessage> WatchAsync(WatchedResource resource, string resourceVersion, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"{resource.Path}?watch=1&resourceVersion={Uri.EscapeDataString(resourceVersion)}&allowWatchBookmarks=true&timeoutSeconds={timeoutSeconds}");
        return SendAsync(query, cancellationToken);
    }

    /// <summary>Sends a JSON body (a POST, or a PATCH of the given content type) and discards the answer; an error status throws.</summary>
    public async Task SendJsonAsync(HttpMethod method, string relativeUri, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await SendAsync(method, relativeUri, content, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_owner is null)
        {
            _http.Dispose();
        }
        else
        {
            _owner.Dispose();
        }
    }

    private Task<HttpResponseMessage> SendAsync(string relativeUri, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, relativeUri, null, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativeUri, HttpContent? content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseUri, relativeUri))
        {
            Content = content,
            // HTTP/2 carries both watches over one connection where the server offers it (as the client library does).
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (_credentials is not null)
        {
            await _credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ApiStatusException.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
