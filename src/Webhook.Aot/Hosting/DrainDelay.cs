using Microsoft.Extensions.Hosting;

namespace Webhook.Hosting;

/// <summary>
/// After SIGTERM, keeps the listener open for a while with readiness already off, before the server stops
/// accepting: Kubernetes takes a terminating pod out of the Service's endpoints asynchronously, and until then the
/// API server keeps sending admission requests to it; closing at once would refuse those connections.
/// </summary>
internal sealed class DrainDelay(TimeSpan delay) : IHostedLifecycleService
{
    /// <summary>Runs after ApplicationStopping (readiness off) and before any hosted service, Kestrel included, stops.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now, as without a delay.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
