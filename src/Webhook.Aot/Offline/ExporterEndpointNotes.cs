using System.Text.Json.Nodes;
using Webhook.Injection;
using Webhook.Injection.Table;
using Webhook.Json;

namespace Webhook.Offline;

/// <summary>
/// What <c>inject</c> tells about where each injected agent will send its telemetry, read from the injected pod's env:
/// nowhere (no endpoint, so localhost inside the pod), or to the collector port of the other OTLP protocol. The
/// webhook injects such pods as the operator does; the telemetry is then lost without a word, hence these notes.
/// </summary>
public static class ExporterEndpointNotes
{
    public static List<string> Of(JsonNode injected, WorkloadKind kind)
    {
        var notes = new List<string>();
        var podSpec = PodSpec(injected, kind);
        foreach (var container in Containers(podSpec))
        {
            if (LanguageOf(container) is { } language)
            {
                AddNote(notes, language, container);
            }
        }

        return notes;
    }

    private static void AddNote(List<string> notes, LanguageRule language, JsonObject container)
    {
        var name = JsonNodes.String(container["name"]) ?? "";
        var env = container["env"] as JsonArray ?? [];
        if (!TryValue(env, OtlpEndpoint.EndpointEnv, out var endpoint) || !TryValue(env, OtlpEndpoint.ProtocolEnv, out var protocol))
        {
            return;
        }

        if (endpoint is null)
        {
            if (!Array.Exists(OtlpEndpoint.SignalEndpointEnvs, signal => Find(env, signal) is not null))
            {
                notes.Add(language.Name + ": " + name + " has no " + OtlpEndpoint.EndpointEnv + ", so its agent sends to localhost, inside the pod, "
                    + "where no collector listens; set spec.exporter.endpoint, e.g. http://demo-collector:" + OtlpEndpoint.HttpPort);
            }

            return;
        }

        var sendsGrpc = language.OtlpProtocols.Contains(OtlpEndpoint.Grpc);
        if (!sendsGrpc && string.Equals(protocol, OtlpEndpoint.Grpc, StringComparison.OrdinalIgnoreCase))
        {
            notes.Add(language.Name + ": " + name + " is told to export over gRPC (" + OtlpEndpoint.ProtocolEnv + "=grpc), but the " + language.DisplayName + " agent "
                + "image has no gRPC exporter, so nothing is sent; remove " + OtlpEndpoint.ProtocolEnv + " and use the collector's OTLP/HTTP port "
                + OtlpEndpoint.HttpPort);
            return;
        }

        // An agent without a gRPC exporter (Python's) can only be fixed by the port.
        var protocolFix = sendsGrpc ? "set " + OtlpEndpoint.ProtocolEnv + "=grpc in spec." + language.SpecField + ".env" : null;
        if (OtlpEndpoint.Mismatch(endpoint, protocol, protocolFix) is { } mismatch)
        {
            notes.Add(language.Name + ": " + name + " sends " + mismatch);
        }
    }

    /// <summary>The language whose agent this container runs, for the languages that export http/protobuf by default.</summary>
    private static LanguageRule? LanguageOf(JsonObject container)
    {
        var name = JsonNodes.String(container["name"]);
        if (name == AlreadyInstrumented.GoSidecarName)
        {
            return InjectionTable.Get(Language.Go);
        }

        var mounts = (container["volumeMounts"] as JsonArray ?? []).Select(mount => JsonNodes.String(mount?["name"])).ToHashSet(StringComparer.Ordinal);
        foreach (var language in InjectionTable.All)
        {
            if (language.Volume is { } volume && mounts.Contains(volume.Name) && name != language.InitContainer?.Name
                && language.OtlpProtocols is [OtlpEndpoint.HttpProtobuf, ..])
            {
                return language;
            }
        }

        return null;
    }

    /// <summary>The variable's literal value (null when absent); false when it comes from <c>valueFrom</c>, which offline cannot know.</summary>
    private static bool TryValue(JsonArray env, string name, out string? value)
    {
        var entry = Find(env, name);
        value = entry is null ? null : JsonNodes.String(entry["value"]);
        return entry is null || entry["valueFrom"] is null;
    }

    private static JsonObject? Find(JsonArray env, string name) =>
        env.OfType<JsonObject>().FirstOrDefault(entry => JsonNodes.String(entry["name"]) == name);

    private static JsonObject? PodSpec(JsonNode injected, WorkloadKind kind)
    {
        var node = injected;
        foreach (var member in kind.TemplatePath)
        {
            node = node?[member];
        }

        return node?["spec"] as JsonObject;
    }

    private static IEnumerable<JsonObject> Containers(JsonObject? podSpec) =>
        new[] { "initContainers", "containers" }.SelectMany(list => podSpec?[list] as JsonArray ?? []).OfType<JsonObject>();
}
