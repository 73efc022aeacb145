namespace Webhook.Generators.Tests.Harness;

/// <summary>Folders of the source tree, found by walking up from the test binaries to the folder holding Webhook.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Baselines { get; } = Path.Combine(Root, "tests", "Generators.Tests", "Emitting", "Baselines");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Webhook.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No Webhook.sln above " + AppContext.BaseDirectory);
    }
}
