using Webhook.Generators.Tests.Harness;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>
/// Compares each generated file with <c>Emitting/Baselines/&lt;Case&gt;/&lt;HintName&gt;.txt</c> in the source tree.
/// With <c>UPDATE_BASELINES=1</c> it rewrites the case's folder instead (and removes files no longer generated);
/// review that diff like code.
/// </summary>
public static class BaselineFiles
{
    private const string Extension = ".txt";

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    public static void Verify(string caseName, GeneratorHarness harness)
    {
        Assert.Empty(harness.Diagnostics);
        var sources = harness.Sources;
        Assert.NotEmpty(sources);
        var folder = Path.Combine(RepoPaths.Baselines, caseName);
        var expectedFiles = sources.Select(s => s.HintName + Extension).ToHashSet(StringComparer.Ordinal);
        if (Updating)
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.GetFiles(folder, "*" + Extension).Where(f => !expectedFiles.Contains(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (hintName, text) in sources)
            {
                File.WriteAllText(Path.Combine(folder, hintName + Extension), text);
            }

            return;
        }

        var problems = new List<string>();
        foreach (var (hintName, text) in sources)
        {
            var path = Path.Combine(folder, hintName + Extension);
            if (!File.Exists(path))
            {
                problems.Add(hintName + ": no baseline file");
            }
            else if (FirstDifference(File.ReadAllText(path), text) is { } difference)
            {
                problems.Add(hintName + ": " + difference);
            }
        }

        if (Directory.Exists(folder))
        {
            problems.AddRange(Directory.GetFiles(folder, "*" + Extension)
                .Select(Path.GetFileName)
                .Where(name => !expectedFiles.Contains(name!))
                .Select(name => name + ": baseline of a file that is no longer generated"));
        }

        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Generated code differs from the baselines of case " + caseName + ":\n" + string.Join("\n", problems)
                + "\nIf the change is intended, run the tests with UPDATE_BASELINES=1 and review the diff of " + folder);
        }
    }

    private static string? FirstDifference(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return "line " + (i + 1) + "\n  baseline:  " + e + "\n  generated: " + a;
            }
        }

        return "line endings differ";
    }
}
