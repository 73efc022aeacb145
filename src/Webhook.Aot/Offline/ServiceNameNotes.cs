using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection.Snapshot;

namespace Webhook.Offline;

/// <summary>
/// An exporter endpoint that names a Service by its short name (<c>http://demo-collector:4318</c>) while that Service,
/// in the same input, lives in another namespace than the Instrumentation: a short name resolves only in the pod's
/// own namespace, so the agents send to a name that does not exist there. The guide's own example has this shape.
/// </summary>
public static class ServiceNameNotes
{
    /// <summary>The field every note is about.</summary>
    public const string Path = "spec.exporter.endpoint";

    /// <summary>Each Instrumentation whose endpoint has this problem, with the note saying what to write instead.</summary>
    public static List<(Instrumentation Instrumentation, string Note)> Of(IEnumerable<SourceDocument> documents, InstrumentationSnapshot snapshot, string defaultNamespace)
    {
        var services = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (document.Kind == "Service" && document.ApiVersion == "v1" && !string.IsNullOrEmpty(document.Name))
            {
                var ns = string.IsNullOrEmpty(document.Namespace) ? defaultNamespace : document.Namespace;
                if (!services.TryGetValue(document.Name, out var namespaces))
                {
                    services[document.Name] = namespaces = new List<string>();
                }

                namespaces.Add(ns);
            }
        }

        var notes = new List<(Instrumentation, string)>();
        foreach (var instrumentation in snapshot.All)
        {
            var ns = instrumentation.Metadata?.Namespace ?? defaultNamespace;
            if (instrumentation.Spec?.Exporter?.Endpoint is not { Length: > 0 } endpoint || Host(endpoint) is not { } host
                || host.Contains('.', StringComparison.Ordinal) || !services.TryGetValue(host, out var namespaces) || namespaces.Contains(ns))
            {
                continue;
            }

            var port = OtlpEndpoint.Port(endpoint) is { } given ? ":" + given.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            var full = endpoint[..endpoint.IndexOf("://", StringComparison.Ordinal)] + "://" + host + "." + namespaces[0] + ".svc.cluster.local" + port;
            notes.Add((instrumentation, "Instrumentation " + ns + "/" + instrumentation.Metadata?.Name + ": spec.exporter.endpoint " + endpoint + " names Service "
                + host + ", which this input puts in namespace " + namespaces[0] + ", not " + ns + "; a short name resolves only in the pod's own "
                + "namespace, so use " + full));
        }

        return notes;
    }

    /// <summary>The host of an <c>http://</c> or <c>https://</c> endpoint, or null.</summary>
    private static string? Host(string endpoint)
    {
        var scheme = endpoint.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }

        var authority = endpoint[(scheme + 3)..];
        var end = authority.IndexOfAny(['/', ':']);
        return end < 0 ? authority : authority[..end];
    }
}
