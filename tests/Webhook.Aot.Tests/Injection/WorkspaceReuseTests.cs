using Webhook.Injection;

namespace Webhook.Tests.Injection;

/// <summary>
/// The webhook reuses one workspace per thread from pod to pod; nothing of one pod may leak into the next. Every data
/// case runs through one shared workspace, forwards and backwards (so each case follows a different one), and must
/// give exactly what a fresh workspace gives: the same patch bytes, warnings and decisions.
/// </summary>
public sealed class WorkspaceReuseTests
{
    [Fact]
    public void Mutate_EveryCaseInOneWorkspace_GivesWhatAFreshWorkspaceGives()
    {
        var cases = InjectionCase.All().Select(row => InjectionCase.Load((string)row[0])).ToList();
        Assert.True(cases.Count > 100, "too few cases to say much");
        var shared = new InjectionWorkspace();

        foreach (var testCase in cases.Concat(Enumerable.Reverse(cases)))
        {
            var fresh = Describe(new InjectionWorkspace().Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings));
            var reused = Describe(shared.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings));
            Assert.Equal(fresh, reused);
        }
    }

    /// <summary>Everything a result says, copied out before the workspace takes the next pod.</summary>
    private static string Describe(MutationResult result)
        => (result.Patch is { } patch ? System.Text.Encoding.UTF8.GetString(patch.Span) : "no patch")
            + "\n" + string.Join("\n", result.Warnings.Select(w => w.Reason + ": " + w.Message))
            + "\n" + string.Join("\n", result.Decisions.Select(d => d.Language + " " + d.Injected + ": " + d.Reason));
}
