using Webhook.Offline;

namespace Webhook.Tests.Offline;

/// <summary>Reading the port out of an exporter endpoint, and telling when it is the other OTLP protocol's.</summary>
public sealed class OtlpEndpointTests
{
    [Theory]
    [InlineData("http://demo-collector:4318", 4318)]
    [InlineData("http://demo-collector:4317/", 4317)]
    [InlineData("http://$(OTEL_NODE_IP):4317", 4317)]
    [InlineData("http://[fd00::1]:4317/v1", 4317)]
    [InlineData("demo-collector:4317", 4317)]
    [InlineData("https://otlp.example.com", null)]
    [InlineData("http://[fd00::1]", null)]
    [InlineData("http://demo-collector:http", null)]
    public void Port_Endpoint_IsTheExplicitPortOrNull(string endpoint, int? port)
    {
        Assert.Equal(port, OtlpEndpoint.Port(endpoint));
    }

    [Theory]
    [InlineData("http://c:4317", null, "http/protobuf to http://c:4317, the collector's OTLP/gRPC port; use port 4318, or FIX")]
    [InlineData("http://c:4317", "http/json", "http/protobuf to http://c:4317, the collector's OTLP/gRPC port; use port 4318, or FIX")]
    [InlineData("http://c:4318", "GRPC", "gRPC to http://c:4318, the collector's OTLP/HTTP port; use port 4317, or leave OTEL_EXPORTER_OTLP_PROTOCOL unset")]
    [InlineData("http://c:4318", null, null)]
    [InlineData("http://c:4317", "grpc", null)]
    [InlineData("https://otlp.example.com:443", null, null)]
    public void Mismatch_PortAndProtocol_IsReportedOnlyForTheOtherProtocolsPort(string endpoint, string? protocol, string? expected)
    {
        Assert.Equal(expected, OtlpEndpoint.Mismatch(endpoint, protocol, "FIX"));
    }
}
