using Webhook.Hosting;

namespace Webhook.Tests.Hosting;

public sealed class DrainDelayTests
{
    [Fact]
    public async Task StoppingAsync_DelayNotOver_KeepsTheServerFromStopping()
    {
        using var shutdown = new CancellationTokenSource();

        var stopping = new DrainDelay(TimeSpan.FromHours(1)).StoppingAsync(shutdown.Token);
        await Task.Yield();

        Assert.False(stopping.IsCompleted);
        await shutdown.CancelAsync();
        await stopping;
    }

    [Fact]
    public async Task StoppingAsync_ShutdownTimeoutRunsOut_EndsWithoutAnError()
    {
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();

        var stopping = new DrainDelay(TimeSpan.FromHours(1)).StoppingAsync(shutdown.Token);

        await stopping;
        Assert.True(stopping.IsCompletedSuccessfully);
    }
}
