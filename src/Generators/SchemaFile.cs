using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Webhook.Generators;

public enum SchemaFileKind
{
    None,
    Crd,
    InjectionTable,
}

/// <summary>
/// A file becomes generator input only when the project marks it
/// (<c>&lt;AdditionalFiles Include="…" WebhookSchema="Crd" /&gt;</c>), so a stray JSON file never becomes code.
/// </summary>
public static class SchemaFile
{
    public const string MetadataKey = "build_metadata.AdditionalFiles.WebhookSchema";

    public static SchemaFileKind KindOf(AdditionalText file, AnalyzerConfigOptionsProvider options)
    {
        options.GetOptions(file).TryGetValue(MetadataKey, out var value);
        return value switch
        {
            "Crd" => SchemaFileKind.Crd,
            "InjectionTable" => SchemaFileKind.InjectionTable,
            _ => SchemaFileKind.None,
        };
    }
}
