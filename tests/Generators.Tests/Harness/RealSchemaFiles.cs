namespace Webhook.Generators.Tests.Harness;

/// <summary>The repository's schema files, as the test project copies them next to the test assembly.</summary>
public static class RealSchemaFiles
{
    public static string CrdText { get; } = Read("instrumentation.crd.json");

    public static string TableText { get; } = Read("languages.json");

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", name));
}
