using System.Globalization;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Webhook.Generators.Tests.Diagnostics;

/// <summary>Pins everything a user sees of a diagnostic: id, severity, file, 1-based line and column, message.</summary>
public static class DiagnosticAssert
{
    public static void Single(GeneratorHarness harness, string id, string path, int line, int column, string message)
    {
        var diagnostic = Assert.Single(harness.Diagnostics);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(
            (id, DiagnosticSeverity.Error, path, line, column, message),
            (diagnostic.Id, diagnostic.Severity, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
                diagnostic.GetMessage(CultureInfo.InvariantCulture)));
    }
}
