using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Webhook.Generators.Tests.Harness;

/// <summary>Compiles C# sources against the running runtime's assemblies and loads the result.</summary>
public static class RuntimeCompiler
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    public static LoadedAssembly CompileAndLoad(string assemblyName, IEnumerable<(string Path, string Text)> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, GeneratorHarness.ParseOptions, s.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
        if (!emitted.Success || errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("The generated code does not compile:\n" + string.Join("\n", errors.Take(30)));
        }

        var warnings = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(Format).ToList();
        image.Position = 0;
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(image), warnings);
    }

    private static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + "): "
            + diagnostic.Id + " " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
