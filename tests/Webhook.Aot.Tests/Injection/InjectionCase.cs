using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;

namespace Webhook.Tests.Injection;

/// <summary>
/// One case of tests/testdata/injection/*.yaml: a header document (kind: InjectionCase), Instrumentations,
/// Namespaces, the input Pod and, when injection changes it, the expected Pod.
/// </summary>
public sealed class InjectionCase
{
    private InjectionCase(string name) => Name = name;

    public string Name { get; }

    public string Namespace { get; private set; } = "default";

    public InjectionSettings Settings { get; private set; } = InjectionSettings.Defaults;

    public List<string> ExpectedWarnings { get; } = new();

    public InstrumentationSnapshot Snapshot { get; private set; } = InstrumentationSnapshot.Empty;

    public JsonNode Pod { get; private set; } = new JsonObject();

    public byte[] PodJson { get; private set; } = [];

    /// <summary>Null when the case expects the pod unchanged.</summary>
    public JsonNode? ExpectedPod { get; private set; }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "injection");

    public static IEnumerable<object[]> All() => Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal)
        .Select(path => new object[] { Path.GetFileNameWithoutExtension(path) });

    /// <summary>Reads the case from <paramref name="folder"/> (by default the copy next to the tests).</summary>
    public static InjectionCase Load(string name, string? folder = null)
    {
        var path = Path.Combine(folder ?? Folder, name + ".yaml");
        var result = new InjectionCase(name);
        var instrumentations = new List<Webhook.Crd.Instrumentation>();
        var namespaces = new List<NamespaceInfo>();
        var pods = new List<SourceDocument>();
        var loader = new InstrumentationLoader(ImageDefaults.FromTable);
        foreach (var document in DocumentReader.Read(File.ReadAllText(path), path))
        {
            var node = JsonNode.Parse(document.Json)!;
            switch (document.Kind)
            {
                case "InjectionCase":
                    result.ReadHeader(node);
                    break;
                case "Instrumentation":
                    var loaded = loader.Load(document);
                    Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
                    if (string.IsNullOrEmpty(loaded.Instrumentation!.Metadata!.Namespace))
                    {
                        loaded.Instrumentation.Metadata.Namespace = result.Namespace;
                    }

                    instrumentations.Add(loaded.Instrumentation);
                    break;
                case "Namespace":
                    var annotations = node["metadata"]?["annotations"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];
                    namespaces.Add(new NamespaceInfo((string)node["metadata"]!["name"]!, annotations));
                    break;
                case "Pod":
                    pods.Add(document);
                    break;
                default:
                    throw new InvalidOperationException(document.Describe() + ": unexpected kind in an injection case");
            }
        }

        result.Snapshot = new InstrumentationSnapshot(instrumentations, namespaces);
        result.PodJson = pods[0].Json;
        result.Pod = JsonNode.Parse(pods[0].Json)!;
        result.ExpectedPod = pods.Count > 1 ? JsonNode.Parse(pods[1].Json) : null;
        return result;
    }

    private void ReadHeader(JsonNode header)
    {
        Namespace = (string?)header["namespace"] ?? Namespace;
        foreach (var warning in header["warnings"]?.AsArray() ?? [])
        {
            ExpectedWarnings.Add((string)warning!);
        }

        var enabled = new Dictionary<Language, bool>();
        foreach (var (key, value) in header["enable"]?.AsObject() ?? [])
        {
            Assert.True(InjectionTable.TryGetByName(key, out var language), "unknown language " + key);
            enabled[language] = (bool)value!;
        }

        var multi = (bool?)header["multiInstrumentation"];
        var crossNamespace = (string?)header["crossNamespaceInstrumentations"] ?? "allow";
        Assert.True(crossNamespace is "allow" or "deny", "crossNamespaceInstrumentations is allow or deny, not " + crossNamespace);
        Settings = new InjectionSettings(enabled, multi, allowCrossNamespace: crossNamespace == "allow");
    }
}
