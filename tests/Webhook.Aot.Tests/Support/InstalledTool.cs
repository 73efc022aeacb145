namespace Webhook.Tests.Support;

/// <summary>
/// A program a test runs from PATH (a shell, promtool). In CI (<c>CI=true</c>, which .ci/run sets and installs the
/// tools for) a missing one fails the test that needs it; elsewhere that test is skipped, saying what to install.
/// </summary>
public static class InstalledTool
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The program's full path, or null when no folder of PATH has it.</summary>
    public static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>The program's path; fails naming the package when it is missing (a test reaches this only in CI or with it installed).</summary>
    public static string Require(string name, string package)
        => Find(name) ?? throw new Xunit.Sdk.XunitException(name + " is needed and was not found on PATH; install it (Debian: apt-get install " + package
            + "). Outside CI (CI=true) this test is skipped instead.");

    /// <summary>Why a test needing <paramref name="names"/> is skipped here, or null when it runs (all installed, or in CI).</summary>
    public static string? SkipReason(string package, params string[] names)
    {
        var missing = names.Where(static name => Find(name) is null).ToList();
        return missing.Count == 0 || InCi
            ? null
            : string.Join(", ", missing) + " not installed (Debian: apt-get install " + package + "); CI installs it and fails without it";
    }
}

/// <summary>A fact that needs programs from PATH: skipped outside CI when one is missing, see <see cref="InstalledTool"/>.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string package, params string[] tools) => Skip = InstalledTool.SkipReason(package, tools);
}

/// <summary>A theory that needs programs from PATH: skipped outside CI when one is missing, see <see cref="InstalledTool"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(string package, params string[] tools) => Skip = InstalledTool.SkipReason(package, tools);
}
