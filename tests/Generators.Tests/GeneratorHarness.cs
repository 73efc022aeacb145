using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Webhook.Generators.Tests.Harness;

namespace Webhook.Generators.Tests;

/// <summary>
/// Runs the generators the way the compiler does, with step tracking on. Every run is immediately repeated on a
/// cloned compilation, and the repeat must find every tracked step <c>Cached</c> or <c>Unchanged</c> and produce the
/// same files; every step output is searched for Compilation, ISymbol, SyntaxNode and Location objects.
/// Every generator test goes through this class.
/// </summary>
public sealed class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly HashSet<string> s_trackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    private readonly Dictionary<string, AdditionalText> _texts;
    private GeneratorDriver _driver;
    private Compilation _compilation;

    private GeneratorHarness(GeneratorDriver driver, Compilation compilation, Dictionary<string, AdditionalText> texts)
    {
        _driver = driver;
        _compilation = compilation;
        _texts = texts;
        Result = RunTwice(driver.RunGenerators(compilation)).GetRunResult();
    }

    /// <summary>The result of the latest run (the first of its pair).</summary>
    public GeneratorDriverRunResult Result { get; private set; }

    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    public IReadOnlyList<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToList();

    public static GeneratorHarness RunCrd(params SchemaInput[] inputs) => Run([new CrdModelGenerator()], inputs);

    public static GeneratorHarness RunTable(params SchemaInput[] inputs) => Run([new InjectionTableGenerator()], inputs);

    public static GeneratorHarness RunBoth(params SchemaInput[] inputs) => Run([new CrdModelGenerator(), new InjectionTableGenerator()], inputs);

    /// <summary>Both generators over the repository's two schema files.</summary>
    public static GeneratorHarness RunRealSchemas() => RunBoth(SchemaInput.RealCrd(), SchemaInput.RealTable());

    public static GeneratorHarness Run(IIncrementalGenerator[] generators, IReadOnlyList<SchemaInput> inputs)
    {
        var texts = inputs.ToDictionary(i => i.Path, i => (AdditionalText)new InMemoryAdditionalText(i.Path, i.Text), StringComparer.Ordinal);
        var options = new SchemaOptionsProvider(inputs.ToDictionary(i => i.Path, i => i.Kind, StringComparer.Ordinal));
        var driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            texts.Values,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var compilation = CSharpCompilation.Create(
            "GeneratorInput",
            [CSharpSyntaxTree.ParseText("namespace Input;\n\ninternal static class Anchor\n{\n}\n", ParseOptions, "Anchor.cs")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return new GeneratorHarness(driver, compilation, texts);
    }

    /// <summary>The text of one generated file.</summary>
    public string Source(string hintName)
        => Result.Results.SelectMany(r => r.GeneratedSources).FirstOrDefault(s => s.HintName == hintName).SourceText?.ToString()
            ?? throw new Xunit.Sdk.XunitException("No generated file " + hintName + "; generated: " + string.Join(", ", HintNames));

    public IReadOnlyList<(string HintName, string Text)> Sources
        => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())).ToList();

    /// <summary>Replaces one additional file's text and runs the same driver again; returns the reasons of that run.</summary>
    public StepReasons EditText(string path, string newText)
    {
        var old = _texts[path];
        var replacement = new InMemoryAdditionalText(path, newText);
        _texts[path] = replacement;
        _driver = _driver.ReplaceAdditionalText(old, replacement);
        return Rerun(_compilation);
    }

    /// <summary>Adds a C# file to the compilation (an edit the generators must not care about) and runs again.</summary>
    public StepReasons AddSyntaxTree(string code)
        => Rerun(_compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(code, ParseOptions, "Edited" + _compilation.SyntaxTrees.Count() + ".cs")));

    /// <summary>Compiles the generated files with every hand-written runtime file and loads the assembly.</summary>
    public LoadedAssembly CompileAndLoad(params string[] extraSources) => CompileAndLoad(RuntimeParts.All, extraSources);

    public LoadedAssembly CompileAndLoad(RuntimeParts parts, params string[] extraSources)
    {
        var sources = new List<(string Path, string Text)> { ("ImplicitUsings.cs", RuntimeSources.ImplicitUsings) };
        sources.AddRange(Sources.Select(s => (s.HintName, s.Text)));
        sources.AddRange(RuntimeSources.Read(parts));
        sources.AddRange(extraSources.Select((text, i) => ("Extra" + i + ".cs", text)));
        return RuntimeCompiler.CompileAndLoad("Generated" + Guid.NewGuid().ToString("N"), sources);
    }

    private StepReasons Rerun(Compilation compilation)
    {
        _compilation = compilation;
        Result = RunTwice(_driver.RunGenerators(compilation)).GetRunResult();
        return Reasons(Result);
    }

    /// <summary>Checks the run that just happened, then repeats it on a clone and checks that nothing was recomputed.</summary>
    private GeneratorDriver RunTwice(GeneratorDriver afterFirst)
    {
        var first = afterFirst.GetRunResult();
        CheckRun(first, "first run");
        var afterSecond = afterFirst.RunGenerators(_compilation.Clone());
        var second = afterSecond.GetRunResult();
        CheckRun(second, "second run");

        var recomputed = Reasons(second).Names
            .SelectMany(name => Reasons(second).Of(name).Where(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                .Select(r => name + " was " + r))
            .Concat(second.Results.SelectMany(r => r.TrackedOutputSteps).SelectMany(s => s.Value)
                .SelectMany(step => step.Outputs).Where(o => o.Reason != IncrementalStepRunReason.Cached).Select(o => "an output step was " + o.Reason))
            .ToList();
        if (recomputed.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("The second run on a cloned compilation recomputed steps:\n" + string.Join("\n", recomputed));
        }

        var firstFiles = string.Join("\n", first.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName + "\n" + s.SourceText));
        var secondFiles = string.Join("\n", second.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName + "\n" + s.SourceText));
        Xunit.Assert.Equal(firstFiles, secondFiles);
        _driver = afterSecond;
        return afterFirst;
    }

    private static void CheckRun(GeneratorDriverRunResult run, string which)
    {
        foreach (var result in run.Results)
        {
            if (result.Exception is { } exception)
            {
                throw new Xunit.Sdk.XunitException(which + ": " + result.Generator.GetGeneratorType().Name + " threw " + exception);
            }

            var forbidden = result.TrackedSteps.Where(p => s_trackingNames.Contains(p.Key))
                .Concat(result.TrackedOutputSteps)
                .SelectMany(p => p.Value.SelectMany((step, i) => step.Outputs.SelectMany((o, j) =>
                    StepOutputWalker.FindForbidden(o.Value, p.Key + "[" + i + "].Outputs[" + j + "]"))))
                .ToList();
            if (forbidden.Count > 0)
            {
                throw new Xunit.Sdk.XunitException(which + ": step outputs hold objects that must not be cached:\n" + string.Join("\n", forbidden));
            }
        }
    }

    private static StepReasons Reasons(GeneratorDriverRunResult run)
        => new(run.Results
            .SelectMany(r => r.TrackedSteps)
            .Where(p => s_trackingNames.Contains(p.Key))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Value).SelectMany(step => step.Outputs).Select(o => o.Reason).ToArray(), StringComparer.Ordinal));
}
