using System.Xml.Linq;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.NativeAot;

namespace Webhook.Benchmarks;

/// <summary>
/// The benchmarks compiled by NativeAOT, as the binary users run: BenchmarkDotNet publishes a generated project that
/// references this one, with the code-generation settings and feature switches the shipped binary is published with
/// (<see cref="ShippedProperties"/>, read from src/Webhook.Aot/Webhook.Aot.csproj and Directory.Build.props and
/// passed to the publish as MSBuild properties). BenchmarkDotNet's own defaults would measure a binary nobody ships:
/// every instruction set of the machine it runs on, and none of the repository's properties (its generated project
/// does not import Directory.Build.props). Runs out of process only.
/// </summary>
public static class NativeAotJob
{
    public const string Id = "NativeAOT";

    /// <summary>The properties that change what ILC generates or which features the binary keeps.</summary>
    public static readonly string[] ShippedProperties =
    [
        "OptimizationPreference", "IlcInstructionSet", "IlcFoldIdenticalMethodBodies", "StackTraceSupport",
        "UseSystemResourceKeys", "InvariantGlobalization", "EventSourceSupport",
    ];

    private static readonly string[] ShippedProjectFiles = ["src/Webhook.Aot/Webhook.Aot.csproj", "Directory.Build.props"];

    public static Job Create()
    {
        var toolchain = NativeAotToolchain.CreateBuilder()
            // No ILCompiler version: the SDK's own, the one `dotnet publish` of the webhook uses.
            .UseNuGet("", "https://api.nuget.org/v3/index.json")
            // Empty: no IlcInstructionSet in the generated project (BenchmarkDotNet's default is this machine's);
            // the shipped value, if any, comes with the properties below.
            .IlcInstructionSet("")
            .TargetFrameworkMoniker("net10.0")
            .DisplayName(Id)
            .ToToolchain();
        var properties = Shipped().Select(p => (Argument)new MsBuildArgument($"/p:{p.Key}={p.Value}")).ToArray();
        return Job.ShortRun.WithToolchain(toolchain).WithArguments(properties).WithId(Id);
    }

    /// <summary><see cref="ShippedProperties"/> as the shipped project states them (the project's value wins).</summary>
    public static IReadOnlyDictionary<string, string> Shipped()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ShippedProjectFiles)
        {
            var project = XDocument.Load(Path.Combine(Inputs.RepositoryRoot, file));
            foreach (var name in ShippedProperties)
            {
                if (!values.ContainsKey(name) && project.Descendants(name).FirstOrDefault(e => e.Attribute("Condition") is null) is { } element)
                {
                    values[name] = element.Value.Trim();
                }
            }
        }

        return values;
    }
}
