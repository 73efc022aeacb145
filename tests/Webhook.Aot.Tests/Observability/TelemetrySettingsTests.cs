using Webhook.Observability;

namespace Webhook.Tests.Observability;

/// <summary>Which OTEL_* settings start an exporter: none without an endpoint; traces only when asked for.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void New_NoVariables_ExportsNothing()
    {
        var settings = new TelemetrySettings(new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = "x", [TelemetrySettings.TracesExporter] = "none" });

        Assert.False(settings.ExportsMetrics);
        Assert.False(settings.ExportsTraces);
        Assert.Empty(settings.Problems);
    }

    [Theory]
    [InlineData(TelemetrySettings.Endpoint)]
    [InlineData(TelemetrySettings.MetricsEndpoint)]
    public void New_AnEndpointForMetrics_ExportsMetricsOnly(string variable)
    {
        var settings = Of((variable, "http://collector:4318"));

        Assert.True(settings.ExportsMetrics);
        Assert.False(settings.ExportsTraces);
    }

    [Fact]
    public void New_OnlyATracesEndpoint_ExportsNoMetrics()
    {
        var settings = Of((TelemetrySettings.TracesEndpoint, "http://collector:4318/v1/traces"), (TelemetrySettings.TracesExporter, "otlp"));

        Assert.False(settings.ExportsMetrics);
        Assert.True(settings.ExportsTraces);
    }

    [Theory]
    [InlineData("none", false)]
    [InlineData("prometheus", false)]
    [InlineData("otlp,prometheus", true)]
    public void New_MetricsExporter_DecidesOtlpMetrics(string value, bool exported)
    {
        var settings = Of((TelemetrySettings.Endpoint, "http://collector:4317"), (TelemetrySettings.MetricsExporter, value));

        Assert.Equal(exported, settings.ExportsMetrics);
        Assert.Empty(settings.Problems);
    }

    [Fact]
    public void New_SdkDisabled_ExportsNothing()
    {
        var settings = Of((TelemetrySettings.Endpoint, "http://collector:4317"), (TelemetrySettings.TracesExporter, "otlp"), (TelemetrySettings.SdkDisabled, "TRUE"));

        Assert.False(settings.ExportsMetrics);
        Assert.False(settings.ExportsTraces);
    }

    [Fact]
    public void New_TracesAskedWithoutEndpoint_SaysTracesAreOff()
    {
        var settings = Of((TelemetrySettings.TracesExporter, "otlp"));

        Assert.False(settings.ExportsTraces);
        Assert.Equal("OTEL_TRACES_EXPORTER=otlp but neither OTEL_EXPORTER_OTLP_ENDPOINT nor OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set; traces are off until one is",
            Assert.Single(settings.Problems));
    }

    [Fact]
    public void New_UnsupportedExporter_IsNamedWithWhatWorks()
    {
        var settings = Of((TelemetrySettings.Endpoint, "http://collector:4317"), (TelemetrySettings.TracesExporter, "zipkin"));

        Assert.False(settings.ExportsTraces);
        Assert.Equal("OTEL_TRACES_EXPORTER=zipkin is not supported; use otlp or none (only OTLP is exported)", Assert.Single(settings.Problems));
    }

    [Fact]
    public void FromEnvironment_KeepsOnlyOtelVariables()
    {
        var settings = TelemetrySettings.FromEnvironment(new System.Collections.Hashtable
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["HOME"] = "/root",
        });

        Assert.Equal(["OTEL_EXPORTER_OTLP_ENDPOINT"], settings.Variables.Keys);
        Assert.True(settings.ExportsMetrics);
    }

    private static TelemetrySettings Of(params (string Name, string Value)[] variables)
        => new(variables.ToDictionary(v => v.Name, v => v.Value));
}
