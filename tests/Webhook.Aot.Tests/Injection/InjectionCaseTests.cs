using System.Text;
using System.Text.Json.Nodes;
using Webhook.Injection;
using Webhook.Injection.Selection;
using Webhook.Injection.Table;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// Runs every case of tests/testdata/injection: the patch applied to the input must give the expected pod, with the
/// expected warnings. <c>UPDATE_INJECTION_CASES=1</c> first writes the injected marker into the expected pods
/// (<see cref="InjectionCaseMarkers"/>).
/// </summary>
public sealed class InjectionCaseTests
{
    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void Mutate_Case_ProducesTheExpectedPodAndWarnings(string name)
    {
        var testCase = InjectionCase.Load(name);

        var result = PodMutator.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings);
        if (InjectionCaseMarkers.Updating && testCase.ExpectedPod is not null && result.Patch is { } written
            && JsonPatchApplier.Apply(testCase.Pod, Encoding.UTF8.GetString(written.Span))["metadata"]?["annotations"]?[InjectedMarker.AnnotationName] is { } marker)
        {
            InjectionCaseMarkers.Update(Path.Combine(InjectionCaseMarkers.SourceFolder, name + ".yaml"), (string)marker!);
            testCase = InjectionCase.Load(name, InjectionCaseMarkers.SourceFolder);
        }

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

    /// <summary>Reinvocation, or the injected pod submitted again: the marker makes the second pass silent and unchanged.</summary>
    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void Mutate_PatchedPodOfCase_GetsNoFurtherPatchAndNoWarning(string name)
    {
        if (Injected(name) is not (var testCase, _, var patched))
        {
            return;
        }

        var second = PodMutator.Mutate(Encoding.UTF8.GetBytes(patched.ToJsonString()), testCase.Namespace, testCase.Snapshot, testCase.Settings);

        Assert.Null(second.Patch);
        Assert.Empty(second.Warnings.Select(w => w.Message));
        Assert.DoesNotContain(second.Decisions, d => d.Injected);
    }

    /// <summary>The marker of every injected case names, per injected language, the Instrumentation it came from and the agent image it put in.</summary>
    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void Mutate_InjectedCase_MarkerNamesEachInjectedLanguageWithItsInstrumentationAndImage(string name)
    {
        if (Injected(name) is not (var testCase, var result, var patched))
        {
            return;
        }

        var entries = InjectedMarker.Read((string?)patched["metadata"]?["annotations"]?[InjectedMarker.AnnotationName]);
        Assert.Equal(InjectedMarker.LabelValue, (string?)patched["metadata"]?["labels"]?[InjectedMarker.LabelName]);
        var injected = result.Decisions.Where(d => d.Injected).Select(d => d.Language).ToList();
        Assert.NotEmpty(injected);
        Assert.Equal(injected, entries.Select(e => e.Language));
        var images = AgentImages(patched);
        foreach (var entry in entries)
        {
            Assert.True(InjectionTable.TryGetByName(entry.Language, out var language));
            var rule = InjectionTable.Get(language);
            Assert.Equal(AskedFor(testCase, rule), entry.Instrumentation);
            var parts = entry.Instrumentation!.Split('/');
            var instrumentation = testCase.Snapshot.Find(parts[0], parts[1]);
            Assert.NotNull(instrumentation);
            Assert.Equal(Metadata(instrumentation, "generation")?.GetInt64(), entry.Generation);
            Assert.Equal(Metadata(instrumentation, "resourceVersion")?.GetString(), entry.ResourceVersion);
            if (rule.SpecField is null)
            {
                Assert.Null(entry.Image);
                continue;
            }

            Assert.Equal(instrumentation.Spec!.Language(rule.SpecField)!.Image, entry.Image);
            Assert.Contains(entry.Image!, images);
        }
    }

    /// <summary>The case, its result and the patched pod; null when the case expects no patch.</summary>
    private static (InjectionCase Case, MutationResult Result, JsonNode Patched)? Injected(string name)
    {
        var testCase = InjectionCase.Load(name);
        var result = PodMutator.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings);
        return result.Patch is { } patch ? (testCase, result, JsonPatchApplier.Apply(testCase.Pod, Encoding.UTF8.GetString(patch.Span))) : null;
    }

    /// <summary>The Instrumentation the effective inject annotation names: "true" takes the namespace's only one.</summary>
    private static string AskedFor(InjectionCase testCase, LanguageRule rule)
    {
        var value = EffectiveValue.Of((string?)testCase.Pod["metadata"]?["annotations"]?[rule.InjectAnnotation],
            testCase.Snapshot.NamespaceAnnotation(testCase.Namespace, rule.InjectAnnotation));
        if (value.Contains('/'))
        {
            return value;
        }

        return testCase.Namespace + "/" + (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            ? testCase.Snapshot.InNamespace(testCase.Namespace).Single().Metadata!.Name : value);
    }

    private static System.Text.Json.JsonElement? Metadata(Webhook.Crd.Instrumentation instrumentation, string field)
        => instrumentation.Metadata!.Other.Where(p => p.Key == field).Select(p => (System.Text.Json.JsonElement?)p.Value).FirstOrDefault();

    /// <summary>Images of the init containers and containers the patch added.</summary>
    private static HashSet<string> AgentImages(JsonNode pod)
    {
        var images = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in pod["spec"]?[list]?.AsArray() ?? [])
            {
                if ((string?)container?["image"] is { } image)
                {
                    images.Add(image);
                }
            }
        }

        return images;
    }
}
