using System;
using Microsoft.CodeAnalysis;
using Webhook.Generators.Diagnostics;
using Webhook.Generators.Emitting;
using Webhook.Generators.Model;
using Webhook.Generators.Parsing;

namespace Webhook.Generators;

/// <summary>The CRD schema file → C# models with strict, reflection-free JSON readers. Wiring only.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class CrdModelGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => SchemaFile.KindOf(pair.Left, pair.Right) == SchemaFileKind.Crd)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.CrdFiles)
            .Select(static (file, ct) => ParseSafely(file, ct))
            .WithTrackingName(TrackingNames.CrdParsed);

        var spec = parsed.Select(static (result, _) => result.Spec).WithTrackingName(TrackingNames.CrdSpec);
        context.RegisterSourceOutput(spec, CrdModelEmitter.Emit);
        context.RegisterSourceOutput(parsed.Select(static (result, _) => result.Diagnostics), Report.All);
    }

    private static CrdParseResult ParseSafely(AdditionalText file, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return CrdSchemaParser.Parse(file.Path, file.GetText(cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var fault = DiagnosticInfo.Create(Descriptors.GeneratorFault, new LocationInfo(file.Path, 1, 1), file.Path, e.Message);
            return new CrdParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { fault }));
        }
    }
}
