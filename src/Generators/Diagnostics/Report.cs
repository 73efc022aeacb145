using Microsoft.CodeAnalysis;
using Webhook.Generators.Model;

namespace Webhook.Generators.Diagnostics;

/// <summary>Turns cached diagnostic values into real diagnostics at output time.</summary>
public static class Report
{
    public static void All(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
