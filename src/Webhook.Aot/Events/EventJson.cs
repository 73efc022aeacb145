using System.Text.Json;

namespace Webhook.Events;

/// <summary>The events.k8s.io/v1 Event documents the sender posts and patches, written with <see cref="Utf8JsonWriter"/>.</summary>
public static class EventJson
{
    public const string ApiVersion = "events.k8s.io/v1";
    public const string MergePatchContentType = "application/merge-patch+json";

    /// <summary>A new Event; with <paramref name="series"/>, one that already stands for repeats (recreated after it expired).</summary>
    public static void WriteEvent(Utf8JsonWriter writer, string name, in WarningEvent occurrence, string reason, string reportingInstance, EventSeries? series)
    {
        var regarding = occurrence.Regarding;
        writer.WriteStartObject();
        writer.WriteString("apiVersion"u8, ApiVersion);
        writer.WriteString("kind"u8, "Event"u8);
        writer.WriteStartObject("metadata"u8);
        writer.WriteString("name"u8, name);
        writer.WriteString("namespace"u8, regarding.Namespace);
        writer.WriteEndObject();
        writer.WriteString("eventTime"u8, EventText.MicroTime(occurrence.ObservedAt));
        if (series is { } repeated)
        {
            WriteSeries(writer, repeated);
        }

        writer.WriteString("type"u8, EventReasons.WarningType);
        writer.WriteString("reason"u8, reason);
        writer.WriteString("action"u8, EventReasons.Action);
        writer.WriteString("note"u8, EventText.Note(occurrence.Message));
        writer.WriteString("reportingController"u8, EventReasons.ReportingController);
        writer.WriteString("reportingInstance"u8, reportingInstance);
        writer.WriteStartObject("regarding"u8);
        WriteNonEmpty(writer, "apiVersion"u8, regarding.ApiVersion);
        writer.WriteString("kind"u8, regarding.Kind);
        writer.WriteString("namespace"u8, regarding.Namespace);
        writer.WriteString("name"u8, regarding.Name);
        WriteNonEmpty(writer, "uid"u8, regarding.Uid);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The JSON merge patch that brings an existing Event's <c>series</c> up to date.</summary>
    public static void WriteSeriesPatch(Utf8JsonWriter writer, EventSeries series)
    {
        writer.WriteStartObject();
        WriteSeries(writer, series);
        writer.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter writer, EventSeries series)
    {
        writer.WriteStartObject("series"u8);
        writer.WriteNumber("count"u8, series.Count);
        writer.WriteString("lastObservedTime"u8, EventText.MicroTime(series.LastObservedTime));
        writer.WriteEndObject();
    }

    private static void WriteNonEmpty(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>An Event's <c>series</c>: how often it was seen in all (2 or more) and when last.</summary>
public readonly record struct EventSeries(int Count, DateTime LastObservedTime);
