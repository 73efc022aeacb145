using Webhook.Injection;

namespace Webhook.Offline;

/// <summary>What <c>inject</c> did with one document: the document to write out, and what to tell about it.</summary>
public sealed record InjectOutcome
{
    /// <summary>The document as it goes to standard output: injected, or exactly as read.</summary>
    public required byte[] Json { get; init; }

    /// <summary>Null for a document that is neither a Pod nor a workload.</summary>
    public WorkloadKind? Kind { get; init; }

    /// <summary>The engine's answer; null when the engine did not run.</summary>
    public MutationResult? Result { get; init; }

    /// <summary>The languages the pod template (or its namespace) asks for, by table name.</summary>
    public IReadOnlyList<string> Requested { get; init; } = [];

    /// <summary>
    /// Inject annotations the pod template sets to "false" while its namespace asks for that language: the pod opts
    /// out. As the annotation keys, e.g. <c>instrumentation.opentelemetry.io/inject-java</c>.
    /// </summary>
    public IReadOnlyList<string> OptedOut { get; init; } = [];

    /// <summary>For <c>--explain</c>: where a pod annotation overrode a value the Instrumentation sets.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Paths of instrumentation annotations placed where no pod will ever carry them.</summary>
    public IReadOnlyList<string> MisplacedAnnotations { get; init; } = [];

    /// <summary>
    /// What the engine does not warn about but the user should hear: annotations the webhook does not read, and
    /// exporter endpoints the injected agents cannot reach a collector through. Pod paths, as the engine's warnings.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why the document was passed through without being looked at (an unknown apiVersion), or null.</summary>
    public string? Skipped { get; init; }

    /// <summary>Why the document could not be read or injected, or null; such a document is written out unchanged.</summary>
    public string? Error { get; init; }
}
