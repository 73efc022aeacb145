using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Table;

namespace Webhook.Injection;

/// <summary>
/// Everything one pod's injection works with and on: inputs, the changes so far, warnings and the decisions for
/// --explain. An <see cref="InjectionWorkspace"/> keeps one and starts it over for each pod.
/// </summary>
public sealed class InjectionContext
{
    /// <summary>
    /// Warnings one pod gets at most, then one more that counts the rest: a pod with thousands of containers must not
    /// get thousands of warnings and log lines. 16 is more than any pod the injection cases describe (at most 3).
    /// </summary>
    public const int MaxWarnings = 16;

    private readonly SelectedLanguage?[] _languages = new SelectedLanguage?[InjectionTable.All.Length];
    private int _warningsLeftOut;
    private readonly NameTable _names = new();
    private readonly NameTable _containersByName = new();
    private readonly AnnotationScan _podAnnotations = new();
    private KeyValuePair<string, string>[]? _namespaceAnnotations = [];
    private Crd.Instrumentation? _prebuiltFor;
    private PrebuiltInstrumentation? _prebuilt;
    private string? _versionOf;
    private string _version = "";

    public InjectionContext(PodView pod, string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
        : this(pod, new FragmentBuffer()) => Begin(ns, snapshot, settings);

    internal InjectionContext(PodView pod, FragmentBuffer fragments)
    {
        Pod = pod;
        Changes = new PodChanges(pod, fragments);
        Namespace = "";
        Snapshot = InstrumentationSnapshot.Empty;
        Settings = InjectionSettings.Defaults;
    }

    public PodView Pod { get; }

    /// <summary>The namespace of the admission request (the pod's own metadata.namespace is often empty at admission).</summary>
    public string Namespace { get; private set; }

    public InstrumentationSnapshot Snapshot { get; private set; }

    public InjectionSettings Settings { get; private set; }

    public PodChanges Changes { get; }

    public List<InjectionWarning> Warnings { get; } = new();

    public List<InjectionDecision> Decisions { get; } = new();

    /// <summary>The languages the pod asks for, in injection order (filled by the mutator).</summary>
    public List<SelectedLanguage> Selected { get; } = new();

    /// <summary>The same languages in the operator's validation order (for the multi-instrumentation checks).</summary>
    public List<SelectedLanguage> InValidationOrder { get; } = new();

    /// <summary>The resource attributes being computed for one container (reused).</summary>
    public Sdk.AttributeMap Attributes { get; } = new();

    /// <summary>The attribute keys one container sets itself (reused).</summary>
    public HashSet<string> ExistingAttributeKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>A container list to fill and use within one step (target resolution).</summary>
    public List<ContainerView> Targets { get; } = new();

    /// <summary>The env of an init container being described (the web server agent's), filled and written within one step (reused).</summary>
    public List<EnvEntry> InitContainerEnv { get; } = new();

    /// <summary>The first few container names of one language that match no container, collected for one warning (reused).</summary>
    public List<string> UnmatchedNames { get; } = new();

    /// <summary>A table of names to reset, fill and use within one step (container-names seen so far; reused).</summary>
    public NameTable EmptyNameSet() => _names;

    /// <summary>A table of the pod's containers by name to reset, fill and use within one step (reused).</summary>
    public NameTable ContainerTable() => _containersByName;

    /// <summary>The resource attributes entries written last, with the attributes each was written for (kept from pod to pod).</summary>
    public Sdk.RememberedAttributeSlots WrittenAttributes { get; } = new();

    /// <summary><c>service.instance.id</c>'s part before the container's name, by namespace (kept from pod to pod).</summary>
    public RememberedText InstanceIdPrefix { get; } = new();

    /// <summary>The pod's resource attributes that are the same for every container, computed once per pod.</summary>
    public Sdk.PodAttributes PodAttributes { get; } = new();

    /// <summary>Adds a warning, or counts it once the pod has <see cref="MaxWarnings"/>; <see cref="EndWarnings"/> says how many were left out.</summary>
    public void Warn(WarningReason reason, string message)
    {
        if (Warnings.Count < MaxWarnings)
        {
            Warnings.Add(new InjectionWarning(reason, message));
        }
        else
        {
            _warningsLeftOut++;
        }
    }

    /// <summary>Closes the pod's warnings: one more counts those left out past <see cref="MaxWarnings"/>.</summary>
    public void EndWarnings()
    {
        if (_warningsLeftOut > 0)
        {
            Warnings.Add(new InjectionWarning(WarningReason.MoreWarnings, _warningsLeftOut.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " more warnings not shown (at most " + MaxWarnings.ToString(System.Globalization.CultureInfo.InvariantCulture) + " per pod)"));
            _warningsLeftOut = 0;
        }
    }

    public void Decide(string language, bool injected, string reason) => Decisions.Add(new InjectionDecision(language, injected, reason));

    /// <summary>Pod annotation over namespace annotation, by the operator's rule (shared spec §4.2).</summary>
    public string Effective(string key) => EffectiveValue.Of(_podAnnotations.Get(key),
        _namespaceAnnotations is { } pairs ? AnnotationScan.Find(pairs, key) : Snapshot.NamespaceAnnotation(Namespace, key));

    /// <summary>The pod's annotation <paramref name="key"/> (<see cref="PodView.Annotation"/>, without hashing the key), or null.</summary>
    public string? PodAnnotation(string key) => _podAnnotations.Get(key);

    /// <summary>
    /// <see cref="InstrumentationSnapshot.Prebuilt"/>, remembered for the last Instrumentation asked for: a container
    /// asks three times, and every pod of a workload for the same one.
    /// </summary>
    public PrebuiltInstrumentation Prebuilt(Crd.Instrumentation instrumentation)
    {
        if (!ReferenceEquals(instrumentation, _prebuiltFor))
        {
            _prebuilt = Snapshot.Prebuilt(instrumentation);
            _prebuiltFor = instrumentation;
        }

        return _prebuilt!;
    }

    /// <summary>
    /// <see cref="Sdk.ImageReference.CachedVersion"/>, remembered for the last image: a workload's pods name the same
    /// image, read as the same string from the text cache, so this is usually one reference comparison.
    /// </summary>
    public string ImageVersion(string image)
    {
        if (!ReferenceEquals(image, _versionOf))
        {
            _version = Sdk.ImageReference.CachedVersion(image);
            _versionOf = image;
        }

        return _version;
    }

    /// <summary>The selection record of <paramref name="rule"/>'s language, reused from pod to pod.</summary>
    public SelectedLanguage Select(LanguageRule rule, Crd.Instrumentation instrumentation)
    {
        var selected = _languages[(int)rule.Language] ??= new SelectedLanguage();
        selected.Reset(rule, instrumentation);
        return selected;
    }

    /// <summary>Starts over for the pod the view now holds (<see cref="PodReader.Read(ReadOnlyMemory{byte}, PodView)"/> filled it).</summary>
    internal void Begin(string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        Namespace = ns.Length > 0 ? ns : Pod.Namespace;
        if (!ReferenceEquals(snapshot, Snapshot))
        {
            // Another snapshot's prebuilt bytes are never used: a changed Instrumentation has new ones.
            _prebuiltFor = null;
            _prebuilt = null;
        }

        Snapshot = snapshot;
        Settings = settings;
        Changes.Reset();
        Warnings.Clear();
        _warningsLeftOut = 0;
        Decisions.Clear();
        Selected.Clear();
        InValidationOrder.Clear();
        ReusedList.Clear(Targets);
        InitContainerEnv.Clear();
        ReusedList.Clear(UnmatchedNames);
        PodAttributes.Reset(Pod);
        _podAnnotations.Reset(Pod.Annotations);
        _namespaceAnnotations = snapshot.AnnotationPairs(Namespace);
    }
}

/// <summary>One line of <c>inject --explain</c>: a language, whether it was injected, and why.</summary>
public readonly record struct InjectionDecision(string Language, bool Injected, string Reason);
