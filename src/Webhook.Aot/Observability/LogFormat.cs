namespace Webhook.Observability;

/// <summary>How serve writes its log lines (<c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>One JSON object per line, for log collectors: the default inside a Kubernetes pod.</summary>
    Json,

    /// <summary>One line of text each, for people: the default anywhere else.</summary>
    Text,
}
