using k8s;
using Microsoft.Extensions.Logging;
using Webhook.Events;
using Webhook.Observability;
using Webhook.Sources;

namespace Webhook.Hosting;

/// <summary>
/// Whether <c>serve</c> records Events, and through which API connection: <c>--kubeconfig</c> when given, else the
/// pod's service account. With <c>--instrumentations DIR</c> and neither, Events are off and one line says so.
/// </summary>
public static class EventPipelineFactory
{
    public static EventPipeline? Create(ServeOptions options, EventStatistics statistics, ILogger log, Func<string, string?> environment)
    {
        if (!options.Events)
        {
            Log.EventsOff(log, "--events=false; the webhook only reads from the API server");
            return null;
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesConnection.Configuration(options.Kubeconfig);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
        catch (InvalidOperationException) when (options.InstrumentationsFolder is not null)
        {
            Log.EventsOff(log, "--instrumentations reads a folder and there is no API server to send them to (no service account, no --kubeconfig)");
            return null;
        }

        return Start(EventsApi.From(configuration), new EventOptions(), statistics, log, environment);
    }

    internal static EventPipeline Start(EventsApi api, EventOptions eventOptions, EventStatistics statistics, ILogger log, Func<string, string?> environment)
    {
        var recorder = new EventRecorder(eventOptions, statistics);
        var sender = new EventSender(recorder, api, eventOptions, EventText.ReportingInstance(environment), log);
        Log.EventsOn(log, EventReasons.ReportingController, sender.ReportingInstance);
        return new EventPipeline(recorder, sender, eventOptions.RequestTimeout);
    }
}
