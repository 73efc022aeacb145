using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Webhook.Generators.Tests.Harness;

/// <summary>
/// Plays MSBuild's part: gives each additional file the <c>WebhookSchema</c> metadata its path was registered with,
/// under the key the generators read (<see cref="SchemaFile.MetadataKey"/>). Files registered without a kind get none.
/// </summary>
public sealed class SchemaOptionsProvider : AnalyzerConfigOptionsProvider
{
    private static readonly AnalyzerConfigOptions s_none = new Options(null);
    private readonly IReadOnlyDictionary<string, string?> _kindByPath;

    public SchemaOptionsProvider(IReadOnlyDictionary<string, string?> kindByPath) => _kindByPath = kindByPath;

    public override AnalyzerConfigOptions GlobalOptions => s_none;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => _kindByPath.TryGetValue(textFile.Path, out var kind) ? new Options(kind) : s_none;

    private sealed class Options(string? webhookSchema) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = key == SchemaFile.MetadataKey ? webhookSchema : null;
            return value is not null;
        }
    }
}
