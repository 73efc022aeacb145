using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Webhook.Observability;

/// <summary>
/// Writes one log entry per line: JSON with the fields of .NET's JSON console formatter (EventId, LogLevel, Category,
/// Message, Exception, State) after a <c>Timestamp</c>, or text as <c>TIME LEVEL CATEGORY[ID] MESSAGE</c>. The time is
/// UTC in ISO 8601 with milliseconds. A line written while an admission's span is recorded also carries its trace and
/// span ids (<c>TraceId</c>/<c>SpanId</c>, <c>trace_id=</c>/<c>span_id=</c>), to find the trace from the log.
/// </summary>
public sealed class LogLineFormatter(LogFormat format)
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Func<DateTimeOffset> Clock { get; init; } = static () => DateTimeOffset.UtcNow;

    public void Write<TState>(in LogEntry<TState> logEntry, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        // Everything below is written once, not once per state type: a generic writer is compiled for each of the
        // dozens of LoggerMessage state types, which the binary's size budget does not afford.
        var line = new Line(Clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            logEntry.EventId.Id, logEntry.LogLevel, logEntry.Category, message, logEntry.Exception, AdmissionSpan.Current);
        if (format == LogFormat.Json)
        {
            var state = logEntry.State as IReadOnlyList<KeyValuePair<string, object?>>;
            WriteJson(textWriter, line, state, state is null ? null : logEntry.State?.ToString());
        }
        else
        {
            WriteText(textWriter, line);
        }
    }

    private readonly record struct Line(string Time, int EventId, LogLevel Level, string Category, string? Message, Exception? Exception, Activity? Span);

    private static void WriteJson(TextWriter output, in Line line, IReadOnlyList<KeyValuePair<string, object?>>? state, string? stateMessage)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", line.Time);
            json.WriteNumber("EventId", line.EventId);
            json.WriteString("LogLevel", line.Level.ToString());
            json.WriteString("Category", line.Category);
            json.WriteString("Message", line.Message);
            if (line.Exception is { } exception)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (line.Span is { } span)
            {
                json.WriteString("TraceId", span.TraceId.ToHexString());
                json.WriteString("SpanId", span.SpanId.ToHexString());
            }

            if (state is not null)
            {
                json.WriteStartObject("State");
                json.WriteString("Message", stateMessage);
                foreach (var (key, value) in state)
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int or long or short or byte or uint:
                json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(key, number);
                break;
            case DateTime date:
                json.WriteString(key, date.ToString("o", CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteText(TextWriter output, in Line line)
    {
        var text = new StringBuilder(256);
        text.Append(line.Time).Append(' ').Append(Level(line.Level)).Append(' ').Append(line.Category).Append('[').Append(line.EventId).Append("] ")
            .Append(line.Message);
        if (line.Span is { } span)
        {
            text.Append(" trace_id=").Append(span.TraceId.ToHexString()).Append(" span_id=").Append(span.SpanId.ToHexString());
        }

        if (line.Exception is { } exception)
        {
            text.Append('\n').Append(exception);
        }

        output.Write(text.Append('\n').ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        LogLevel.Error => "error",
        _ => "crit ",
    };
}
