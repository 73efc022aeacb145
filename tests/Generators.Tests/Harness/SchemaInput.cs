namespace Webhook.Generators.Tests.Harness;

/// <summary>One additional file given to the generators: its path, its text and its <c>WebhookSchema</c> metadata.</summary>
public sealed record SchemaInput(string Path, string Text, string? Kind)
{
    public const string CrdPath = "/repo/schema/instrumentation.crd.json";
    public const string TablePath = "/repo/schema/languages.json";

    public static SchemaInput Crd(string text, string path = CrdPath) => new(path, text, "Crd");

    public static SchemaInput Table(string text, string path = TablePath) => new(path, text, "InjectionTable");

    /// <summary>A file the project did not mark: the generators must ignore it.</summary>
    public static SchemaInput Unmarked(string path, string text) => new(path, text, null);

    public static SchemaInput RealCrd() => Crd(RealSchemaFiles.CrdText);

    public static SchemaInput RealTable() => Table(RealSchemaFiles.TableText);
}
