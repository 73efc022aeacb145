namespace Webhook.Tests.Support;

/// <summary>The clone the tests run from: the folder above the test binary that holds Webhook.sln.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Webhook.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("no Webhook.sln above " + AppContext.BaseDirectory);
    }
}
