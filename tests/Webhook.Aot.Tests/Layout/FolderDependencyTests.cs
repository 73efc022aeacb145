using Webhook.Tests.Support;

namespace Webhook.Tests.Layout;

/// <summary>
/// The folders of src/Webhook.Aot use one another in one direction only, and never along an edge docs/design.md
/// forbids: read from the source's <c>using</c> directives, so a new one that breaks the map fails here.
/// </summary>
public sealed class FolderDependencyTests : IDisposable
{
    private static readonly FolderGraph s_source = FolderGraph.Read(RepositoryFolder.PathOf("src", "Webhook.Aot"), "Webhook");

    private static readonly IReadOnlyList<DesignRule> s_rules = DesignRule.Parse(File.ReadAllText(RepositoryFolder.PathOf("docs", "design.md")));

    private readonly string _folder = Directory.CreateTempSubdirectory("folder-graph-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Source_TopLevelFolders_FormNoCycle()
    {
        var cycles = s_source.Cycles();

        Assert.True(cycles.Count == 0, "folders that reach each other:\n" + string.Join("\n", cycles.Select(Describe)));
    }

    [Fact]
    public void Source_EdgesTheDesignForbids_DoNotExist()
    {
        var broken = new List<string>();
        foreach (var rule in s_rules)
        {
            foreach (var target in rule.Never)
            {
                broken.AddRange(Breaks(s_source, rule.From, target).Select(path => rule.Line + "\n  broken by " + path));
            }
        }

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void DesignRules_NameFoldersThatExist()
    {
        Assert.NotEmpty(s_rules);
        var folders = s_source.Folders.ToHashSet(StringComparer.Ordinal);
        var unknown = s_rules.SelectMany(static rule => rule.Never.Prepend(rule.From)).Where(name => !name.Contains('.') && !folders.Contains(name)).Distinct();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Graph_TwoFoldersUsingEachOther_IsACycle()
    {
        Write("A/One.cs", "using Webhook.B;\n\nnamespace Webhook.A;\n");
        Write("B/Two.cs", "using Webhook.C;\n\nnamespace Webhook.B;\n");
        Write("C/Three.cs", "using static Webhook.A.One;\n\nnamespace Webhook.C;\n");
        Write("D/Four.cs", "using Webhook.A;\n\nnamespace Webhook.D;\n");

        var cycles = FolderGraph.Read(_folder, "Webhook").Cycles();

        Assert.Equal(["A", "B", "C"], Assert.Single(cycles));
    }

    [Fact]
    public void Graph_ForbiddenFolderReachedThroughAnother_IsReportedWithThePath()
    {
        Write("A/One.cs", "using Webhook.B;\n\nnamespace Webhook.A;\n");
        Write("B/Two.cs", "namespace Webhook.B;\n\npublic static class Two\n{\n    public static int Three => global::Webhook.C.Three.Value;\n}\n");
        Write("C/Three.cs", "using Microsoft.AspNetCore.Http;\n\nnamespace Webhook.C;\n");
        var graph = FolderGraph.Read(_folder, "Webhook");
        var rules = DesignRule.Parse("- `A` never reaches `C`, `Microsoft.AspNetCore`: no reason\n- `C` never reaches `A`\n");

        var broken = rules.SelectMany(rule => rule.Never.SelectMany(target => Breaks(graph, rule.From, target))).ToList();

        Assert.Equal(["A → B → C (B/Two.cs)", "A → B → C: C/Three.cs uses Microsoft.AspNetCore"], broken);
    }

    [Fact]
    public void Graph_NameInAComment_IsNoEdge()
    {
        Write("A/One.cs", "namespace Webhook.A;\n\n// Webhook.B.Two says so.\npublic static class One;\n");
        Write("B/Two.cs", "namespace Webhook.B;\n");

        Assert.Empty(FolderGraph.Read(_folder, "Webhook").Uses("A"));
    }

    /// <summary>How <paramref name="from"/> reaches a folder or an outside namespace it must not: one line per way, empty when it does not.</summary>
    private static IEnumerable<string> Breaks(FolderGraph graph, string from, string target)
    {
        if (!target.Contains('.'))
        {
            return graph.PathBetween(from, target) is { } path
                ? [string.Join(" → ", path) + " (" + string.Join(", ", graph.Uses(path[^2])[target]) + ")"]
                : [];
        }

        return graph.Reach(from).Order(StringComparer.Ordinal).SelectMany(folder => graph.FilesUsing(folder, target)
            .Select(file => Chain(graph, from, folder) + ": " + file + " uses " + target));
    }

    private static string Chain(FolderGraph graph, string from, string to)
        => from == to ? from : string.Join(" → ", graph.PathBetween(from, to)!);

    private static string Describe(List<string> cycle)
        => string.Join(", ", cycle) + ": " + string.Join("; ", cycle.SelectMany(from => s_source.Uses(from)
            .Where(edge => cycle.Contains(edge.Key)).Select(edge => from + " → " + edge.Key + " (" + string.Join(", ", edge.Value) + ")")));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
