using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webhook.Observability;

namespace Webhook.Tests.Observability;

/// <summary>Every log line starts with its UTC time in ISO 8601; a line written during a recorded admission span names its trace.</summary>
public sealed class LogLineFormatterTests
{
    private static readonly DateTimeOffset s_time = new(2026, 3, 4, 5, 6, 7, 89, TimeSpan.FromHours(2));

    [Fact]
    public void Write_Json_IsOneObjectWithUtcTimestampAndTheFieldsOfDotnetsJsonFormatter()
    {
        var line = Write(LogFormat.Json);

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("2026-03-04T03:06:07.089Z", json.GetProperty("Timestamp").GetString());
        Assert.Equal(1201, json.GetProperty("EventId").GetInt32());
        Assert.Equal("Information", json.GetProperty("LogLevel").GetString());
        Assert.Equal("otel-webhook", json.GetProperty("Category").GetString());
        Assert.Equal("listening on port 9443 \"quoted\"", json.GetProperty("Message").GetString());
        Assert.Equal(9443, json.GetProperty("State").GetProperty("Port").GetInt32());
        Assert.False(json.TryGetProperty("TraceId", out _));
    }

    [Fact]
    public void Write_Text_StartsWithUtcTimestampThenLevelCategoryAndId()
    {
        Assert.Equal("2026-03-04T03:06:07.089Z info  otel-webhook[1201] listening on port 9443 \"quoted\"\n", Write(LogFormat.Text));
    }

    [Theory]
    [InlineData(LogFormat.Json)]
    [InlineData(LogFormat.Text)]
    public void Write_DuringARecordedAdmissionSpan_CarriesItsTraceAndSpanIds(LogFormat format)
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AdmissionSpan.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = AdmissionSpan.Start(new DefaultHttpContext(), "POST /test", "/test");
        var current = Assert.IsType<Activity>(AdmissionSpan.Current);

        var line = Write(format);

        var traceId = current.TraceId.ToHexString();
        var spanId = current.SpanId.ToHexString();
        if (format == LogFormat.Json)
        {
            var json = JsonDocument.Parse(line).RootElement;
            Assert.Equal(traceId, json.GetProperty("TraceId").GetString());
            Assert.Equal(spanId, json.GetProperty("SpanId").GetString());
        }
        else
        {
            Assert.EndsWith(" trace_id=" + traceId + " span_id=" + spanId + "\n", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_WithoutAnAdmissionSpan_NamesNoTraceEvenWhenAspNetCoreHasAnActivity()
    {
        using var request = new Activity("Microsoft.AspNetCore.Hosting.HttpRequestIn").Start();

        Assert.DoesNotContain("trace_id", Write(LogFormat.Text), StringComparison.Ordinal);
    }

    private static string Write(LogFormat format)
    {
        var formatter = new LogLineFormatter(format) { Clock = () => s_time };
        var state = new List<KeyValuePair<string, object?>> { new("Port", 9443), new("{OriginalFormat}", "listening on port {Port} \"quoted\"") };
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(LogLevel.Information, "otel-webhook", new EventId(1201), state, null,
            static (_, _) => "listening on port 9443 \"quoted\"");
        var output = new StringWriter();
        formatter.Write(in entry, output);
        return output.ToString();
    }
}
