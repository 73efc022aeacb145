using Microsoft.Extensions.Logging;

namespace Webhook.Observability;

/// <summary>The webhook's log messages; event ids are stable and unique (sources use 2xxx in SourceLog).</summary>
public static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Serving certificate {Subject} (valid until {NotAfter:o}) loaded from {Folder}")]
    public static partial void CertificateLoaded(ILogger logger, string subject, DateTime notAfter, string folder);

    [LoggerMessage(1002, LogLevel.Warning, "Certificate in {Folder} could not be loaded; the previous one stays in service: {Problem}")]
    public static partial void CertificateReloadFailed(ILogger logger, string folder, string problem);

    [LoggerMessage(1003, LogLevel.Warning, "No certificate in {Folder}: generated a self-signed one; its CA bundle is {CaBundle} (set it as caBundle in the webhook configurations)")]
    public static partial void SelfSignedCertificateWritten(ILogger logger, string folder, string caBundle);

    [LoggerMessage(1101, LogLevel.Debug, "Admission {Uid} in {Namespace}: {Outcome} ({Warnings} warnings)")]
    public static partial void Admitted(ILogger logger, string uid, string @namespace, string outcome, int warnings);

    [LoggerMessage(1102, LogLevel.Warning, "Admission failed open: injection threw for uid {Uid} in namespace {Namespace}; pod admitted unchanged")]
    public static partial void FailedOpen(ILogger logger, Exception exception, string uid, string @namespace);

    [LoggerMessage(1103, LogLevel.Information, "Admission request refused with HTTP {Status}: {Problem}")]
    public static partial void BadRequest(ILogger logger, int status, string problem);

    [LoggerMessage(1104, LogLevel.Information, "Pod {Pod} in {Namespace} admitted with a warning: {Warning}")]
    public static partial void AdmittedWithWarning(ILogger logger, string pod, string @namespace, string warning);

    [LoggerMessage(1201, LogLevel.Information, "otel-webhook {Version} listening on https port {Port} (source: {Source}, cert dir: {CertDir})")]
    public static partial void Started(ILogger logger, string version, int port, string source, string certDir);

    [LoggerMessage(1202, LogLevel.Information, "Shutting down: readiness is now false; finishing requests in flight (up to {Timeout})")]
    public static partial void ShuttingDown(ILogger logger, TimeSpan timeout);

    [LoggerMessage(1203, LogLevel.Error, "Snapshot source {Source} stopped: {Problem}")]
    public static partial void SourceFailed(ILogger logger, Exception? exception, string source, string problem);

    [LoggerMessage(1301, LogLevel.Information, "Kubernetes Events for admission warnings are off: {Why}")]
    public static partial void EventsOff(ILogger logger, string why);

    [LoggerMessage(1302, LogLevel.Information, "Admission warnings become Kubernetes Events, reported as {Controller} instance {Instance}")]
    public static partial void EventsOn(ILogger logger, string controller, string instance);

    [LoggerMessage(1303, LogLevel.Warning, "Event {Reason} about {Kind} {Name} in {Namespace} dropped: {Problem}")]
    public static partial void EventDropped(ILogger logger, string reason, string kind, string name, string @namespace, string problem);
}
