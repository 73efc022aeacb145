using System.Diagnostics;

namespace Webhook.Tests.Sources;

/// <summary>Waits for a condition by polling, with a generous deadline, so tests neither sleep blindly nor flake on a slow machine.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task True(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail("still waiting after " + limit.TotalSeconds + " s for: " + what);
            }

            await Task.Delay(15);
        }
    }
}
