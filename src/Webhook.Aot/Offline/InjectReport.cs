using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Table;
using Webhook.Json;

namespace Webhook.Offline;

/// <summary>
/// What <c>inject</c> says about each document, as text every line prefixed with the document
/// (<c>deploy.yaml, document 2 (Deployment "shop"): …</c>): warnings, problems and notes always, and with
/// <c>--explain</c> the decision per language and why.
/// </summary>
public sealed class InjectReport
{
    private const string NotInjected = "not injected: ";

    private readonly FindingReport _report;
    private readonly bool _explain;

    public InjectReport(FindingReport report, bool explain)
    {
        _report = report;
        _explain = explain;
    }

    public void Write(SourceDocument document, InjectOutcome outcome)
    {
        if (outcome.Kind is not { } kind)
        {
            return;
        }

        if (outcome.Skipped is { } skipped)
        {
            _report.Add(OfflineFinding.About(document, FindingKind.DocumentSkipped, skipped));
            return;
        }

        foreach (var path in outcome.MisplacedAnnotations)
        {
            _report.Add(OfflineFinding.About(document, FindingKind.AnnotationMisplaced, path + ": ignored here, the webhook reads it only from pods; move it to "
                + kind.TemplateField + ".metadata.annotations", path));
        }

        if (outcome.Error is { } error)
        {
            _report.Add(OfflineFinding.About(document, FindingKind.DocumentError, error));
        }

        if (outcome.Result is not { } result)
        {
            return;
        }

        var explained = _explain ? Explain(document, kind, outcome, result) : [];
        if (_explain && result.Patch is not null)
        {
            ExplainAddedContainers(document, outcome, kind);
        }

        foreach (var warning in result.Warnings)
        {
            if (!explained.Contains(warning.Message))
            {
                _report.Add(AtField(document, FindingKind.InjectionWarning, InTemplate(kind, warning.Message)) with { Reason = warning.Reason });
            }
        }

        foreach (var note in outcome.Notes)
        {
            _report.Add(AtField(document, FindingKind.InjectionNote, InTemplate(kind, note)));
        }
    }

    /// <summary>Writes the decisions and returns their reasons, so a warning saying the same is not repeated.</summary>
    private HashSet<string> Explain(SourceDocument document, WorkloadKind kind, InjectOutcome outcome, MutationResult result)
    {
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        var subject = kind.IsPod ? "pod" : "pod template";
        if (outcome.Requested.Count == 0 && result.Decisions.Count == 0)
        {
            foreach (var annotation in outcome.OptedOut)
            {
                _report.Add(OfflineFinding.About(document, FindingKind.OptedOut, "the " + subject + " opts out: " + annotation + " is \"false\", which wins over its namespace's value",
                    kind.TemplateField + ".metadata.annotations[" + annotation + "]"));
            }

            if (outcome.OptedOut.Count == 0)
            {
                _report.Add(OfflineFinding.About(document, FindingKind.NotRequested, "no inject annotation on the " + subject + " or its namespace"));
            }

            return reasons;
        }

        var decided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in result.Decisions)
        {
            decided.Add(decision.Language);
            reasons.Add(decision.Reason);
            var finding = OfflineFinding.About(document, decision.Injected ? FindingKind.Injected : FindingKind.NotInjected,
                decision.Language + ": " + (decision.Injected ? "" : NotInjected) + InTemplate(kind, decision.Reason), InjectAnnotationPath(document, kind, decision.Language));

            // The decision stands for the warning that says the same (not written again): it keeps the warning's code.
            _report.Add(WarningSaying(result, decision.Reason) is { } warning ? finding with { Kind = FindingKind.InjectionWarning, Reason = warning.Reason } : finding);
        }

        // A selection problem with one language leaves the whole pod unchanged, and only that language has a decision.
        if (!decided.Contains("all"))
        {
            foreach (var language in outcome.Requested)
            {
                if (!decided.Contains(language))
                {
                    _report.Add(OfflineFinding.About(document, FindingKind.NotInjected,
                        language + ": " + NotInjected + "the " + (kind.IsPod ? "pod" : "pod template") + " was left unchanged (see above)"));
                }
            }
        }

        foreach (var line in outcome.Overrides)
        {
            _report.Add(AtField(document, FindingKind.AnnotationOverride, line));
        }

        if (result.Patch is not null && kind.OfflineOwnerNote is { } note)
        {
            _report.Add(OfflineFinding.About(document, FindingKind.OwnerNote, "note: " + note) with { Message = note });
        }

        return reasons;
    }

    /// <summary>
    /// The init containers (and the Go sidecar) the injection added, by name: the guide's first check in a cluster is
    /// whether they ran, and <c>kubectl describe pod</c> lists them by these names.
    /// </summary>
    private void ExplainAddedContainers(SourceDocument document, InjectOutcome outcome, WorkloadKind kind)
    {
        foreach (var list in (string[])["initContainers", "containers"])
        {
            var before = ContainerNames(document.Json, kind, list);
            var added = ContainerNames(outcome.Json, kind, list).Where(name => !before.Contains(name)).ToList();
            if (added.Count > 0)
            {
                _report.Add(OfflineFinding.About(document, FindingKind.ContainersAdded, "adds " + (list == "initContainers" ? "init container" : "container") + (added.Count > 1 ? "s " : " ")
                    + string.Join(", ", added) + " (kubectl describe pod lists " + (added.Count > 1 ? "them" : "it") + " under "
                    + (list == "initContainers" ? "Init Containers" : "Containers") + ")"));
            }
        }
    }

    private static HashSet<string> ContainerNames(byte[] json, WorkloadKind kind, string list)
    {
        System.Text.Json.Nodes.JsonNode? node = JsonNodes.Parse(json);
        foreach (var member in kind.TemplatePath)
        {
            node = (node as System.Text.Json.Nodes.JsonObject)?[member];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        if ((node as System.Text.Json.Nodes.JsonObject)?["spec"] is System.Text.Json.Nodes.JsonObject spec && spec[list] is System.Text.Json.Nodes.JsonArray containers)
        {
            foreach (var container in containers)
            {
                if (JsonNodes.String(container?["name"]) is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static InjectionWarning? WarningSaying(MutationResult result, string message)
    {
        foreach (var warning in result.Warnings)
        {
            if (warning.Message == message)
            {
                return warning;
            }
        }

        return null;
    }

    /// <summary>A finding whose message starts with the field it is about (<c>spec.template.metadata.annotations[…]: …</c>), placed at that field's line.</summary>
    private static OfflineFinding AtField(SourceDocument document, FindingKind kind, string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        var path = colon > 0 && (message.StartsWith("metadata.", StringComparison.Ordinal) || message.StartsWith("spec.", StringComparison.Ordinal))
            ? message[..colon]
            : null;
        return OfflineFinding.About(document, kind, message, path);
    }

    /// <summary>
    /// The field of the annotation that asked for <paramref name="language"/> when the document has it, so a decision
    /// sits at its line; null when the request came from the namespace (or the decision is about every language).
    /// </summary>
    private static string? InjectAnnotationPath(SourceDocument document, WorkloadKind kind, string language)
    {
        foreach (var rule in InjectionTable.All)
        {
            if (rule.Name == language)
            {
                var path = FieldPath.Property(kind.IsPod ? "metadata.annotations" : kind.TemplateField + ".metadata.annotations", rule.InjectAnnotation);
                return document.Lines.TryGet(path, out _, out _) ? path : null;
            }
        }

        return null;
    }

    /// <summary>The engine names pod fields (<c>metadata.annotations[…]</c>); in a workload they sit under the pod template.</summary>
    private static string InTemplate(WorkloadKind kind, string message)
        => !kind.IsPod && (message.StartsWith("metadata.", StringComparison.Ordinal) || message.StartsWith("spec.", StringComparison.Ordinal))
            ? kind.TemplateField + "." + message
            : message;
}
