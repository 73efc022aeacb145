using Webhook.Documents;
using Webhook.Injection;
using Webhook.Json;

namespace Webhook.Offline;

/// <summary>
/// What <c>inject</c> says about each document on standard error, every line prefixed with the document
/// (<c>deploy.yaml, document 2 (Deployment "shop"): …</c>): warnings, problems and notes always, and with
/// <c>--explain</c> the decision per language and why.
/// </summary>
public sealed class InjectReport
{
    private const string NotInjected = "not injected: ";

    private readonly TextWriter _errors;
    private readonly bool _explain;

    public InjectReport(TextWriter errors, bool explain)
    {
        _errors = errors;
        _explain = explain;
    }

    public void Write(SourceDocument document, InjectOutcome outcome)
    {
        if (outcome.Kind is not { } kind)
        {
            return;
        }

        var where = document.Describe() + ": ";
        if (outcome.Skipped is { } skipped)
        {
            _errors.WriteLine(where + skipped);
            return;
        }

        foreach (var path in outcome.MisplacedAnnotations)
        {
            _errors.WriteLine(where + path + ": ignored here, the webhook reads it only from pods; move it to " + kind.TemplateField + ".metadata.annotations");
        }

        if (outcome.Error is { } error)
        {
            _errors.WriteLine(where + error);
        }

        if (outcome.Result is not { } result)
        {
            return;
        }

        var explained = _explain ? Explain(where, kind, outcome, result) : [];
        if (_explain && result.Patch is not null)
        {
            ExplainAddedContainers(where, document, outcome, kind);
        }

        foreach (var warning in result.Warnings)
        {
            if (!explained.Contains(warning.Message))
            {
                _errors.WriteLine(where + InTemplate(kind, warning.Message));
            }
        }

        foreach (var note in outcome.Notes)
        {
            _errors.WriteLine(where + InTemplate(kind, note));
        }
    }

    /// <summary>Writes the decisions and returns their reasons, so a warning saying the same is not repeated.</summary>
    private HashSet<string> Explain(string where, WorkloadKind kind, InjectOutcome outcome, MutationResult result)
    {
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        var subject = kind.IsPod ? "pod" : "pod template";
        if (outcome.Requested.Count == 0 && result.Decisions.Count == 0)
        {
            foreach (var annotation in outcome.OptedOut)
            {
                _errors.WriteLine(where + "the " + subject + " opts out: " + annotation + " is \"false\", which wins over its namespace's value");
            }

            if (outcome.OptedOut.Count == 0)
            {
                _errors.WriteLine(where + "no inject annotation on the " + subject + " or its namespace");
            }

            return reasons;
        }

        var decided = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in result.Decisions)
        {
            decided.Add(decision.Language);
            reasons.Add(decision.Reason);
            _errors.WriteLine(where + decision.Language + ": " + (decision.Injected ? "" : NotInjected) + InTemplate(kind, decision.Reason));
        }

        // A selection problem with one language leaves the whole pod unchanged, and only that language has a decision.
        if (!decided.Contains("all"))
        {
            foreach (var language in outcome.Requested)
            {
                if (!decided.Contains(language))
                {
                    _errors.WriteLine(where + language + ": " + NotInjected + "the " + (kind.IsPod ? "pod" : "pod template") + " was left unchanged (see above)");
                }
            }
        }

        foreach (var line in outcome.Overrides)
        {
            _errors.WriteLine(where + line);
        }

        if (result.Patch is not null && kind.OfflineOwnerNote is { } note)
        {
            _errors.WriteLine(where + "note: " + note);
        }

        return reasons;
    }

    /// <summary>
    /// The init containers (and the Go sidecar) the injection added, by name: the guide's first check in a cluster is
    /// whether they ran, and <c>kubectl describe pod</c> lists them by these names.
    /// </summary>
    private void ExplainAddedContainers(string where, SourceDocument document, InjectOutcome outcome, WorkloadKind kind)
    {
        foreach (var list in (string[])["initContainers", "containers"])
        {
            var before = ContainerNames(document.Json, kind, list);
            var added = ContainerNames(outcome.Json, kind, list).Where(name => !before.Contains(name)).ToList();
            if (added.Count > 0)
            {
                _errors.WriteLine(where + "adds " + (list == "initContainers" ? "init container" : "container") + (added.Count > 1 ? "s " : " ")
                    + string.Join(", ", added) + " (kubectl describe pod lists " + (added.Count > 1 ? "them" : "it") + " under "
                    + (list == "initContainers" ? "Init Containers" : "Containers") + ")");
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

    /// <summary>The engine names pod fields (<c>metadata.annotations[…]</c>); in a workload they sit under the pod template.</summary>
    private static string InTemplate(WorkloadKind kind, string message)
        => !kind.IsPod && (message.StartsWith("metadata.", StringComparison.Ordinal) || message.StartsWith("spec.", StringComparison.Ordinal))
            ? kind.TemplateField + "." + message
            : message;
}
