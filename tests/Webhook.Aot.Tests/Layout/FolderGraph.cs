using System.Text.RegularExpressions;

namespace Webhook.Tests.Layout;

/// <summary>
/// Which top-level folders of a source tree use which, read from the <c>using</c> directives of its C# files
/// (<c>using Webhook.Admission;</c> in <c>Hosting/WebhookHost.cs</c> is the edge Hosting → Admission) and from names
/// written out in full (<c>global::Webhook.Sources.X</c>, <c>Webhook.Sources.X</c>). Namespaces outside the project
/// (<c>Microsoft.AspNetCore</c>) are kept per folder, so a rule can forbid them too.
/// </summary>
public sealed partial class FolderGraph
{
    private readonly Dictionary<string, Dictionary<string, List<string>>> _edges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<string>>> _external = new(StringComparer.Ordinal);

    private FolderGraph(string rootNamespace) => RootNamespace = rootNamespace;

    public string RootNamespace { get; }

    public IEnumerable<string> Folders => _edges.Keys;

    /// <summary>Reads every .cs file under <paramref name="sourceFolder"/> but bin/ and obj/; files at its top belong to no folder.</summary>
    public static FolderGraph Read(string sourceFolder, string rootNamespace)
    {
        var graph = new FolderGraph(rootNamespace);
        foreach (var path in Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sourceFolder, path).Replace('\\', '/');
            var slash = relative.IndexOf('/');
            if (slash < 0 || relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
            {
                continue;
            }

            graph.Add(relative[..slash], relative, File.ReadAllText(path));
        }

        return graph;
    }

    /// <summary>The folders <paramref name="folder"/> uses, with the files that make each edge.</summary>
    public IReadOnlyDictionary<string, List<string>> Uses(string folder)
        => _edges.TryGetValue(folder, out var uses) ? uses : new Dictionary<string, List<string>>();

    /// <summary>Every folder reached from <paramref name="folder"/> through one edge or more, itself included.</summary>
    public HashSet<string> Reach(string folder)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { folder };
        var queue = new Queue<string>([folder]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in Uses(current).Keys)
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }

    /// <summary>A shortest chain of folders from <paramref name="from"/> to <paramref name="to"/>, or null when there is none.</summary>
    public List<string>? PathBetween(string from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal) { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in Uses(current).Keys.Order(StringComparer.Ordinal))
            {
                if (previous.TryAdd(next, current))
                {
                    if (next == to)
                    {
                        var chain = new List<string> { to };
                        for (var step = current; step != from; step = previous[step])
                        {
                            chain.Add(step);
                        }

                        chain.Add(from);
                        chain.Reverse();
                        return chain;
                    }

                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>The files of <paramref name="folder"/> that import a namespace starting with <paramref name="external"/>.</summary>
    public IReadOnlyList<string> FilesUsing(string folder, string external)
        => _external.TryGetValue(folder, out var namespaces)
            ? [.. namespaces.Where(n => n.Key == external || n.Key.StartsWith(external + ".", StringComparison.Ordinal)).SelectMany(n => n.Value).Distinct()]
            : [];

    /// <summary>The groups of folders that reach each other (strongly connected components of more than one folder).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var next in Uses(folder).Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], index[next]);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != folder);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    cycles.Add(component);
                }
            }
        }

        foreach (var folder in _edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }

        return cycles;
    }

    private void Add(string folder, string file, string text)
    {
        var uses = Edges(_edges, folder);
        var external = Edges(_external, folder);
        var prefix = RootNamespace + ".";
        foreach (Match directive in UsingDirective().Matches(text))
        {
            var name = directive.Groups["name"].Value;
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                AddEdge(uses, folder, name[prefix.Length..].Split('.')[0], file);
            }
            else
            {
                AddEdge(external, "", name, file);
            }
        }

        foreach (Match qualified in QualifiedName().Matches(WithoutComments(text)))
        {
            if (qualified.Groups["root"].Value == RootNamespace)
            {
                AddEdge(uses, folder, qualified.Groups["folder"].Value, file);
            }
        }
    }

    private static Dictionary<string, List<string>> Edges(Dictionary<string, Dictionary<string, List<string>>> all, string folder)
    {
        if (!all.TryGetValue(folder, out var edges))
        {
            all[folder] = edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        }

        return edges;
    }

    private static void AddEdge(Dictionary<string, List<string>> edges, string from, string to, string file)
    {
        if (to == from)
        {
            return;
        }

        if (!edges.TryGetValue(to, out var files))
        {
            edges[to] = files = [];
        }

        if (!files.Contains(file))
        {
            files.Add(file);
        }
    }

    private static string WithoutComments(string text) => LineComment().Replace(text, "");

    /// <summary><c>using X.Y;</c>, <c>using static X.Y;</c>, <c>using A = X.Y;</c>, <c>global using X.Y;</c>.</summary>
    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    /// <summary>A name written out from the root namespace in code: <c>Webhook.Sources.X</c>, not inside a longer name.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:global::)?(?<root>\w+)\.(?<folder>\w+)\.\w+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
