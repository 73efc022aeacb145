using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Instrumentations;

namespace Webhook.Offline;

/// <summary>
/// What <c>validate</c> tells about <c>spec.exporter.endpoint</c> when no injected agent could deliver through it: unset
/// (the agents fall back to localhost, inside the pod) or the OTLP/gRPC port for agents that send http/protobuf.
/// An Instrumentation whose env sets the endpoint or the protocol itself is left to <c>inject</c>, which sees the
/// language and the container.
/// </summary>
public static class InstrumentationEndpointNotes
{
    private const string EndpointPath = "spec.exporter.endpoint";

    public static List<DocumentProblem> Of(SourceDocument document, Instrumentation instrumentation)
    {
        var notes = new List<DocumentProblem>();
        var names = EnvNames(instrumentation.Spec);
        if (names.Contains(OtlpEndpoint.EndpointEnv) || names.Contains(OtlpEndpoint.ProtocolEnv))
        {
            return notes;
        }

        if (instrumentation.Spec?.Exporter?.Endpoint is not { Length: > 0 } endpoint)
        {
            notes.Add(DocumentProblem.At(document, EndpointPath, "not set, so the agents send to localhost, inside the pod, where no collector "
                + "listens; set it to the collector's Service, e.g. http://demo-collector:" + OtlpEndpoint.HttpPort));
        }
        else if (OtlpEndpoint.Port(endpoint) == OtlpEndpoint.GrpcPort)
        {
            notes.Add(DocumentProblem.At(document, EndpointPath, "port " + OtlpEndpoint.GrpcPort + " is the collector's OTLP/gRPC port, but the "
                + "Java, Node.js, Python, .NET and Go agents send http/protobuf; use port " + OtlpEndpoint.HttpPort
                + " (" + OtlpEndpoint.GrpcPort + " suits only Apache HTTPD and Nginx)"));
        }

        return notes;
    }

    private static HashSet<string> EnvNames(InstrumentationSpec? spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lists = InjectionTable.All.Where(language => language.SpecField is not null).Select(language => spec?.Language(language.SpecField!)?.Env).Prepend(spec?.Env);
        foreach (var entry in lists.SelectMany(list => list ?? []))
        {
            if (entry.Name is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
