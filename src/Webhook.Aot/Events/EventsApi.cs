using k8s;
using Webhook.Sources;

namespace Webhook.Events;

/// <summary>The two calls Events need: create one, and patch the series of one created before.</summary>
internal sealed class EventsApi(ApiServerClient api) : IDisposable
{
    /// <summary>Talks plain HTTP through <paramref name="handler"/> (a fake API server in tests); the handler stays the caller's.</summary>
    public EventsApi(Uri baseUri, HttpMessageHandler handler)
        : this(new ApiServerClient(new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, baseUri, null, null))
    {
    }

    public static EventsApi From(KubernetesClientConfiguration configuration) => new(ApiServerClient.From(configuration));

    public Task CreateAsync(string ns, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        => api.SendJsonAsync(HttpMethod.Post, Collection(ns), "application/json", body, cancellationToken);

    public Task PatchAsync(string ns, string name, ReadOnlyMemory<byte> patch, CancellationToken cancellationToken)
        => api.SendJsonAsync(HttpMethod.Patch, Collection(ns) + "/" + Uri.EscapeDataString(name), EventJson.MergePatchContentType, patch, cancellationToken);

    public void Dispose() => api.Dispose();

    private static string Collection(string ns) => "apis/events.k8s.io/v1/namespaces/" + Uri.EscapeDataString(ns) + "/events";
}
