using Webhook.Benchmarks;

namespace Webhook.Tests.Baseline;

/// <summary>
/// The benchmarks' <c>--verify</c> as a test: for every benchmark input, our patch and the decode-and-diff baseline's
/// (KubernetesClient's V1Pod, mutated and diffed) make the same pod. Two implementations that agree on every input
/// are the check that neither drifted, and that each benchmark compares the same job.
/// </summary>
public sealed class BaselineAgreementTests
{
    [Fact]
    public void Verify_EveryInput_OursAndTheBaselineMakeTheSamePod()
    {
        var output = new StringWriter();

        var exitCode = Verify.Run(output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exitCode == 0, output.ToString());
        Assert.Equal(Inputs.Cases.Count(), lines.Count(l => l.Contains("same pod", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("patch ours       0 B", StringComparison.Ordinal));
    }
}
