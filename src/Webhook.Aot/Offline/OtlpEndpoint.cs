using System.Globalization;

namespace Webhook.Offline;

/// <summary>
/// The collector's two OTLP ports, and which one an endpoint names. What each agent sends (shared spec §7.2) is the
/// injection table's <c>otlpProtocols</c> (<c>LanguageRule.OtlpProtocols</c>).
/// </summary>
public static class OtlpEndpoint
{
    public const int GrpcPort = 4317;
    public const int HttpPort = 4318;
    public const string EndpointEnv = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolEnv = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>Signal-specific endpoints: with one of them set, the general endpoint is not the only place telemetry goes.</summary>
    public static readonly string[] SignalEndpointEnvs =
        ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <summary>The explicit port of an endpoint URL (<c>http://host:4318/</c>, <c>http://$(OTEL_NODE_IP):4317</c>), or null.</summary>
    public static int? Port(string endpoint)
    {
        var scheme = endpoint.IndexOf("://", StringComparison.Ordinal);
        var authority = scheme < 0 ? endpoint : endpoint[(scheme + 3)..];
        var slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        var hostEnd = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        return colon > hostEnd && int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    /// <summary>
    /// Why <paramref name="endpoint"/> cannot take what a sender of <paramref name="protocol"/> sends (null or empty:
    /// http/protobuf), and what to change; null when the port is not the other protocol's.
    /// </summary>
    public static string? Mismatch(string endpoint, string? protocol, string? protocolFix)
    {
        var sendsGrpc = string.Equals(protocol, Grpc, StringComparison.OrdinalIgnoreCase);
        var port = Port(endpoint);
        if (!sendsGrpc && port == GrpcPort)
        {
            return "http/protobuf to " + endpoint + ", the collector's OTLP/gRPC port; use port " + HttpPort + (protocolFix is null ? "" : ", or " + protocolFix);
        }

        return sendsGrpc && port == HttpPort
            ? "gRPC to " + endpoint + ", the collector's OTLP/HTTP port; use port " + GrpcPort + ", or leave " + ProtocolEnv + " unset"
            : null;
    }
}
