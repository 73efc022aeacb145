using System;
using Microsoft.CodeAnalysis;
using Webhook.Generators.Diagnostics;
using Webhook.Generators.Emitting;
using Webhook.Generators.Model;
using Webhook.Generators.Parsing;

namespace Webhook.Generators;

/// <summary>The per-language injection table file → static lookup tables. Wiring only.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class InjectionTableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => SchemaFile.KindOf(pair.Left, pair.Right) == SchemaFileKind.InjectionTable)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.InjectionTableFiles)
            .Select(static (file, ct) => ParseSafely(file, ct))
            .WithTrackingName(TrackingNames.InjectionTableParsed);

        var table = parsed.Select(static (result, _) => result.Table).WithTrackingName(TrackingNames.InjectionTable);
        context.RegisterSourceOutput(table, InjectionTableEmitter.Emit);
        context.RegisterSourceOutput(parsed.Select(static (result, _) => result.Diagnostics), Report.All);
    }

    private static LanguageTableParseResult ParseSafely(AdditionalText file, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return InjectionTableParser.Parse(file.Path, file.GetText(cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var fault = DiagnosticInfo.Create(Descriptors.GeneratorFault, new LocationInfo(file.Path, 1, 1), file.Path, e.Message);
            return new LanguageTableParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { fault }));
        }
    }
}
