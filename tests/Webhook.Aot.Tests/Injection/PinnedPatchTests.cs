using System.Text;
using Webhook.Benchmarks;
using Webhook.Injection;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// The patch of every injection case and benchmark input, byte for byte as pinned in <c>tests/testdata/patches/</c>
/// (<c>&lt;case&gt;.json</c>; <c>bench-&lt;input&gt;.json</c>; no file: no patch). The case suite compares patched pods,
/// which a reordered key or another escaping would pass; this pins the bytes a change to how the patch is made
/// (prebuilt parts, copied fragments) must keep. Each pod goes through one workspace twice: the second admission
/// is served from what the first one built and left behind. <c>UPDATE_PINNED_PATCHES=1</c> rewrites the files;
/// review the diff like code.
/// </summary>
public sealed class PinnedPatchTests
{
    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_PINNED_PATCHES") == "1";

    public static IEnumerable<object[]> BenchInputs() => Inputs.Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(InjectionCase.All), MemberType = typeof(InjectionCase))]
    public void Mutate_Case_WritesThePinnedPatchBytes(string name)
    {
        var testCase = InjectionCase.Load(name);
        var workspace = new InjectionWorkspace();

        for (var admission = 1; admission <= 2; admission++)
        {
            var patch = workspace.Mutate(testCase.PodJson, testCase.Namespace, testCase.Snapshot, testCase.Settings).Patch;
            AssertPinned(name, patch, admission);
        }
    }

    [Theory]
    [MemberData(nameof(BenchInputs))]
    public void Mutate_BenchInput_WritesThePinnedPatchBytes(string input)
    {
        var bench = Inputs.Get(input);
        var workspace = new InjectionWorkspace();

        for (var admission = 1; admission <= 2; admission++)
        {
            var patch = workspace.Mutate(bench.Pod, bench.Namespace, Inputs.Snapshot, Inputs.Settings).Patch;
            AssertPinned("bench-" + input, patch, admission);
        }
    }

    private static void AssertPinned(string name, ReadOnlyMemory<byte>? patch, int admission)
    {
        if (Updating)
        {
            var source = RepositoryFolder.PathOf("tests", "testdata", "patches", name + ".json");
            if (patch is { } written)
            {
                File.WriteAllBytes(source, written.ToArray());
            }
            else
            {
                File.Delete(source);
            }

            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "patches", name + ".json");
        if (!File.Exists(path))
        {
            Assert.True(patch is null, "admission " + admission + ": no pinned patch, but one was written:\n" + Text(patch));
            return;
        }

        Assert.True(patch is not null, "admission " + admission + ": no patch; pinned:\n" + File.ReadAllText(path));
        var expected = File.ReadAllBytes(path);
        Assert.True(expected.AsSpan().SequenceEqual(patch.Value.Span),
            "admission " + admission + ": patch differs from " + name + ".json\nexpected:\n" + Encoding.UTF8.GetString(expected) + "\nactual:\n" + Text(patch));
    }

    private static string Text(ReadOnlyMemory<byte>? patch) => patch is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : "(none)";
}
