using System.Text.Json;

namespace Webhook.Doctor;

/// <summary>An <c>events.k8s.io/v1</c> Event the webhook reported about an object.</summary>
internal sealed record WebhookEvent(string RegardingKind, string RegardingName, string RegardingUid, string Reason, string Note)
{
    /// <summary>The reportingController of the webhook's Events.</summary>
    public const string ReportingController = "opentelemetry.io/otel-webhook";

    public static WebhookEvent? Of(JsonElement item)
    {
        if (Json.Text(item, "reportingController") != ReportingController)
        {
            return null;
        }

        var regarding = Json.Child(item, "regarding");
        return new WebhookEvent(Json.Text(regarding, "kind") ?? "", Json.Text(regarding, "name") ?? "", Json.Text(regarding, "uid") ?? "",
            Json.Text(item, "reason") ?? "", Json.Text(item, "note") ?? "");
    }
}
