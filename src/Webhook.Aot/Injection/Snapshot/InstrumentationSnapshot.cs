using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Table;
using Webhook.Text;

namespace Webhook.Injection.Snapshot;

/// <summary>
/// An immutable view of every Instrumentation (defaults applied) and Namespace the webhook knows. Sources build a
/// new one on each change and publish it with one write; a request reads one snapshot from start to end.
/// </summary>
public sealed class InstrumentationSnapshot
{
    private static readonly IReadOnlyList<Instrumentation> s_none = [];

    private readonly Dictionary<string, List<Instrumentation>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamespaceInfo> _namespaces = new(StringComparer.Ordinal);

    /// <summary>Each Instrumentation's injected-marker entries, computed here once so that an admission only copies them.</summary>
    private readonly Dictionary<Instrumentation, byte[][]> _markerEntries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Each Instrumentation's pod-independent injection bytes (<see cref="PrebuiltInstrumentation"/>), gone with this snapshot.</summary>
    private readonly Dictionary<Instrumentation, PrebuiltInstrumentation> _prebuilt = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Each namespace's annotations as pairs, for a pod to scan (<see cref="AnnotationPairs"/>); null for a namespace with
    /// more than <see cref="Selection.AnnotationScan.ScanLimit"/>.
    /// </summary>
    private readonly Dictionary<string, KeyValuePair<string, string>[]?> _annotationPairs = new(StringComparer.Ordinal);

    /// <summary>Namespaces with an inject annotation: their pods may ask for injection without an annotation of their own.</summary>
    private readonly HashSet<string> _injectingNamespaces = new(StringComparer.Ordinal);

    public InstrumentationSnapshot(IEnumerable<Instrumentation> instrumentations, IEnumerable<NamespaceInfo> namespaces)
    {
        foreach (var instrumentation in instrumentations)
        {
            var ns = instrumentation.Metadata?.Namespace ?? "";
            if (!_byNamespace.TryGetValue(ns, out var list))
            {
                _byNamespace[ns] = list = new List<Instrumentation>();
            }

            list.Add(instrumentation);
            _markerEntries[instrumentation] = InjectedMarkerJson.Entries(instrumentation);
            _prebuilt[instrumentation] = new PrebuiltInstrumentation(instrumentation);
            Count++;
        }

        Listing = ListOf(_byNamespace);
        foreach (var ns in namespaces)
        {
            _namespaces[ns.Name] = ns;
            _annotationPairs[ns.Name] = ns.Annotations.Count > Selection.AnnotationScan.ScanLimit ? null : ns.Annotations.ToArray();
            foreach (var key in ns.Annotations.Keys)
            {
                if (InjectionTable.TryClassifyAnnotation(System.Text.Encoding.UTF8.GetBytes(key), out _, out var role) && role == AnnotationRole.Inject)
                {
                    _injectingNamespaces.Add(ns.Name);
                }
            }
        }

        _injectingNamespaceLookup = _injectingNamespaces.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _injectingNamespaceLookup;

    public static InstrumentationSnapshot Empty { get; } = new([], []);

    /// <summary>
    /// The Instrumentations there are, as <c>namespace/name</c> in order, the first five and how many more: what a pod
    /// whose namespace has none is told to name instead. Null when there are none.
    /// </summary>
    public string? Listing { get; }

    private static string? ListOf(Dictionary<string, List<Instrumentation>> byNamespace)
    {
        var names = byNamespace.Values.SelectMany(list => list).Select(i => i.Metadata?.Namespace + "/" + i.Metadata?.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : EchoedText.List(names, 0, names.Count);
    }

    /// <summary>Whether the namespace (UTF-8, as in the request) carries an inject annotation. Allocates nothing.</summary>
    public bool NamespaceMayInject(ReadOnlySpan<byte> ns)
    {
        if (_injectingNamespaces.Count == 0 || ns.Length > 253)
        {
            return false;
        }

        Span<char> name = stackalloc char[253];
        var length = System.Text.Encoding.UTF8.GetChars(ns, name);
        return _injectingNamespaceLookup.Contains(name[..length]);
    }

    public int Count { get; }

    /// <summary>Every Instrumentation, namespace by namespace; for diagnosis off the admission path.</summary>
    public IEnumerable<Instrumentation> All => _byNamespace.Values.SelectMany(static list => list);

    public IReadOnlyList<Instrumentation> InNamespace(string ns) => _byNamespace.TryGetValue(ns, out var list) ? list : s_none;

    public Instrumentation? Find(string ns, string name)
    {
        // By index: foreach over the IReadOnlyList would box the list's enumerator on every pod that names its Instrumentation.
        var candidates = InNamespace(ns);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Metadata?.Name == name)
            {
                return candidates[i];
            }
        }

        return null;
    }

    /// <summary>The <see cref="InjectedMarker"/> entry of <paramref name="rule"/>'s language injected from <paramref name="instrumentation"/>.</summary>
    public ReadOnlyMemory<byte> MarkerEntry(Instrumentation instrumentation, LanguageRule rule)
        => _markerEntries.TryGetValue(instrumentation, out var entries) ? entries[(int)rule.Language] : InjectedMarkerJson.Entry(instrumentation, rule);

    /// <summary>
    /// What injecting from <paramref name="instrumentation"/> adds to every pod, written once for this snapshot; built
    /// anew (and not kept) for an Instrumentation the snapshot does not hold.
    /// </summary>
    public PrebuiltInstrumentation Prebuilt(Instrumentation instrumentation)
        => _prebuilt.TryGetValue(instrumentation, out var prebuilt) ? prebuilt : new PrebuiltInstrumentation(instrumentation);

    /// <summary>
    /// The namespace's annotations as pairs, made once per snapshot for <see cref="Selection.AnnotationScan.Find"/>: a pod
    /// asks its namespace for some twenty keys, and this is one dictionary lookup instead of two for each. Empty for a
    /// namespace the snapshot does not know; null for one with many annotations (ask <see cref="NamespaceAnnotation"/>).
    /// </summary>
    public KeyValuePair<string, string>[]? AnnotationPairs(string ns)
        => _annotationPairs.TryGetValue(ns, out var pairs) ? pairs : [];

    public string? NamespaceAnnotation(string ns, string key)
        => _namespaces.TryGetValue(ns, out var info) && info.Annotations.TryGetValue(key, out var value) ? value : null;
}
