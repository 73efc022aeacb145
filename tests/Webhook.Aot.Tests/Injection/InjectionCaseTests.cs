using System.Text;
using System.Text.Json.Nodes;
using Webhook.Injection;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>Runs every case of tests/testdata/injection: the patch applied to the input must give the expected pod, with the expected warnings.</summary>
public sealed class InjectionCaseTests
{
    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void Mutate_Case_ProducesTheExpectedPodAndWarnings(string name)
    {
        var testCase = InjectionCase.Load(name);

        var result = PodMutator.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings);

        Assert.Equal(testCase.ExpectedWarnings, result.Warnings.Select(w => w.Message));
        if (testCase.ExpectedPod is null)
        {
            Assert.Null(result.Patch);
            return;
        }

        Assert.NotNull(result.Patch);
        var patched = JsonPatchApplier.Apply(testCase.Pod, Encoding.UTF8.GetString(result.Patch.Value.Span));
        Assert.True(JsonNode.DeepEquals(testCase.ExpectedPod, patched),
            "expected:\n" + testCase.ExpectedPod.ToJsonString() + "\nactual:\n" + patched.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void Mutate_PatchedPodOfCase_GetsNoFurtherPatch(string name)
    {
        var testCase = InjectionCase.Load(name);
        var first = PodMutator.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings);
        if (first.Patch is null)
        {
            return;
        }

        var patched = JsonPatchApplier.Apply(testCase.Pod, Encoding.UTF8.GetString(first.Patch.Value.Span));
        var second = PodMutator.Mutate(Encoding.UTF8.GetBytes(patched.ToJsonString()), testCase.Namespace, testCase.Snapshot, testCase.Settings);

        Assert.Null(second.Patch);
    }
}
