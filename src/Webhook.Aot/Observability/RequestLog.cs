using Microsoft.Extensions.Logging;

namespace Webhook.Observability;

/// <summary>Log messages of requests that end without an answer (13xx; see <see cref="Log"/> for the others).</summary>
public static partial class RequestLog
{
    [LoggerMessage(1401, LogLevel.Debug, "{Method} {Path} ended without an answer: {Reason}")]
    public static partial void Abandoned(ILogger logger, string method, string path, string reason);
}
