using System.Globalization;
using Webhook.Injection;
using Webhook.Injection.Selection;
using Webhook.Injection.Table;

namespace Webhook.Doctor;

/// <summary>
/// For every workload whose pod template or namespace asks for a language, whether its current pods got it, and
/// if not, the first reason that explains it, in the order a user would fix them: the webhook's switch, the
/// Instrumentation, the webhook's availability, the pods' age, and what the webhook reported.
/// </summary>
internal sealed class Diagnosis(ClusterState state, ClusterReader reader)
{
    /// <summary>The findings, and how many workloads in scope ask for injection.</summary>
    public (List<Finding> Findings, int Asking) Run(DoctorScope scope)
    {
        var findings = new List<Finding>();
        var asking = 0;
        var workloads = state.Workloads.Where(w => ClusterState.IsChecked(w) && scope.Includes(w))
            .OrderBy(w => IndexOf(w.Type)).ThenBy(w => w.Meta.Namespace, StringComparer.Ordinal).ThenBy(w => w.Meta.Name, StringComparer.Ordinal);
        foreach (var workload in workloads)
        {
            var asked = false;
            foreach (var language in InjectionTable.All)
            {
                var key = language.InjectAnnotation;
                var value = EffectiveValue.Of(workload.TemplateAnnotations.GetValueOrDefault(key), state.AnnotationsOf(workload.Meta.Namespace).GetValueOrDefault(key));
                if (!EffectiveValue.Asks(value))
                {
                    if (value.Length == 0 && workload.Misplaced.FirstOrDefault(m => m.Key == key && !EffectiveValue.IsFalse(m.Value)) is { } misplaced)
                    {
                        findings.Add(Misplaced(workload, language, misplaced));
                    }

                    continue;
                }

                asked = true;
                if (Check(workload, language, value) is { } finding)
                {
                    findings.Add(finding);
                }
            }

            asking += asked ? 1 : 0;
        }

        return (findings, asking);
    }

    private Finding? Check(Workload workload, LanguageRule language, string value)
    {
        var webhook = state.Webhook;
        if (language.Switch is { } rule && !webhook.Settings.IsEnabled(language.Language))
        {
            var where = webhook.Deployment is { } deployment ? "the webhook's Deployment " + deployment : "the webhook";
            return Found(workload, language, Finding.LanguageDisabled,
                language.DisplayName + " injection is switched off in " + where + " (" + webhook.SwitchedOffBy(rule) + "); pods are admitted without it",
                "run the webhook with " + rule.Flag + "=true (or env " + rule.EnvironmentVariable + "=true), then " + Recreate(workload));
        }

        var (instrumentation, selectionProblem) = Select(workload, language, value);
        if (instrumentation is null)
        {
            return selectionProblem;
        }

        if (Unavailable(workload, language) is { } unavailable)
        {
            return unavailable;
        }

        var pods = state.PodsOf(workload);
        var missing = new List<PodState>();
        var stale = new List<(PodState Pod, string Why)>();
        foreach (var pod in pods)
        {
            var injection = PodInjection.Of(pod, language, out var problem);
            if (problem is not null)
            {
                reader.Note("Pod " + pod.Meta.Key + ": " + problem + "; judged by its containers");
            }

            if (!injection.Injected)
            {
                missing.Add(pod);
            }
            else if (Staleness(injection, instrumentation, language) is { } why)
            {
                stale.Add((pod, why));
            }
        }

        if (missing.Count > 0)
        {
            return NotInjected(workload, language, instrumentation, pods.Count, missing);
        }

        if (stale.Count > 0)
        {
            return Found(workload, language, Finding.InstrumentationChanged,
                Count(stale.Count, pods.Count) + " injected " + stale[0].Why,
                Recreate(workload) + " to pick up the current Instrumentation " + instrumentation.Meta.Key);
        }

        return null;
    }

    /// <summary>The Instrumentation the value names ("true": the only one in the namespace), as the webhook picks it.</summary>
    private (InstrumentationInfo? Found, Finding? Problem) Select(Workload workload, LanguageRule language, string value)
    {
        var ns = workload.Meta.Namespace;
        string? name = null;
        if (!value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            (ns, name) = slash >= 0 ? (value[..slash], value[(slash + 1)..]) : (ns, value);
        }

        var candidates = state.Instrumentations.Where(i => i.Meta.Namespace == ns && (name is null || i.Meta.Name == name)).ToList();
        if (candidates.Count == 1)
        {
            return (candidates[0], null);
        }

        var annotation = InstrumentationSelector.ShortKey(language.InjectAnnotation) + "=" + value;
        if (candidates.Count > 1)
        {
            return (null, Found(workload, language, Finding.InstrumentationAmbiguous,
                annotation + " asks for the only Instrumentation in namespace " + ns + ", but there are " + candidates.Count + ": "
                + string.Join(", ", candidates.Select(i => i.Meta.Name)) + "; pods are admitted without injection",
                "set the annotation to the name of one of them, then " + Recreate(workload)));
        }

        var elsewhere = state.Instrumentations.Where(i => i.Meta.Namespace != ns || name is not null).Select(i => i.Meta.Key).ToList();
        var wanted = name is null ? "no Instrumentation in namespace " + ns : "no Instrumentation " + name + " in namespace " + ns;
        return (null, Found(workload, language, Finding.InstrumentationMissing,
            annotation + " but there is " + wanted + (elsewhere.Count == 0 ? " nor anywhere else" : "; there are: " + string.Join(", ", elsewhere)),
            "create " + (name is null ? "an Instrumentation" : "Instrumentation " + name) + " in namespace " + ns
            + (elsewhere.Count == 0 ? "" : " (or set the annotation to \"" + elsewhere[0] + "\")") + ", then " + Recreate(workload)));
    }

    private Finding? Unavailable(Workload workload, LanguageRule language)
    {
        var webhook = state.Webhook;
        if (!webhook.Known)
        {
            return null;
        }

        if (webhook.ConfigurationName is null)
        {
            return Found(workload, language, Finding.WebhookUnavailable,
                "no MutatingWebhookConfiguration calls otel-webhook, so the API server admits pods without asking it",
                "install the webhook: otel-webhook manifests | kubectl apply -f -; then " + Recreate(workload));
        }

        if (webhook.ReadyEndpoints == 0)
        {
            var service = webhook.ServiceNamespace + "/" + webhook.ServiceName;
            return Found(workload, language, Finding.WebhookUnavailable,
                "Service " + service + " of MutatingWebhookConfiguration " + webhook.ConfigurationName
                + " has no ready endpoints, so pods are admitted without injection (the webhook fails open)",
                "kubectl get pods -n " + webhook.ServiceNamespace + " -l app.kubernetes.io/name=otel-webhook; once one is ready, " + Recreate(workload));
        }

        return null;
    }

    private Finding NotInjected(Workload workload, LanguageRule language, InstrumentationInfo instrumentation, int total, List<PodState> missing)
    {
        var installed = state.Webhook.ConfigurationCreated;
        var beforeWebhook = missing.Where(pod => Before(pod.Meta.Created, installed)).ToList();
        if (beforeWebhook.Count > 0)
        {
            return Found(workload, language, Finding.WebhookUnavailable,
                Count(beforeWebhook.Count, total) + " created at " + ResourceMeta.Format(Oldest(beforeWebhook)) + ", before MutatingWebhookConfiguration "
                + state.Webhook.ConfigurationName + " existed (" + ResourceMeta.Format(installed) + "): the API server did not ask the webhook",
                Recreate(workload));
        }

        var beforeInstrumentation = missing.Where(pod => Before(pod.Meta.Created, instrumentation.Meta.Created)).ToList();
        if (beforeInstrumentation.Count > 0)
        {
            return Found(workload, language, Finding.CreatedBeforeInstrumentation,
                Count(beforeInstrumentation.Count, total) + " created at " + ResourceMeta.Format(Oldest(beforeInstrumentation)) + ", before Instrumentation "
                + instrumentation.Meta.Key + " (" + ResourceMeta.Format(instrumentation.Meta.Created) + "): the webhook had no Instrumentation to inject " + language.DisplayName + " from",
                Recreate(workload));
        }

        var subjects = missing.Select(pod => pod.Meta.Name).Concat(missing.SelectMany(pod => pod.Meta.Owners.Select(owner => owner.Name)))
            .Append(workload.Meta.Name).Distinct(StringComparer.Ordinal).ToList();
        return Found(workload, language, Finding.NotInjected,
            Count(missing.Count, total) + " not injected although Instrumentation " + instrumentation.Meta.Key + " and the webhook were in place at creation",
            "kubectl get events -n " + workload.Meta.Namespace + " --field-selector reportingComponent=" + WebhookEvent.ReportingController
            + "; fix what they say, then " + Recreate(workload)) with { EventSubjects = subjects };
    }

    /// <summary>Why an injected pod no longer matches its Instrumentation, or null when it does.</summary>
    private string? Staleness(PodInjection injection, InstrumentationInfo instrumentation, LanguageRule language)
    {
        if (injection.Entry?.Instrumentation is { } source && source != instrumentation.Meta.Key)
        {
            return "from Instrumentation " + source + ", and the annotation now selects " + instrumentation.Meta.Key;
        }

        if (injection.Entry?.Generation is { } generation && instrumentation.Meta.Generation is { } current && generation != current)
        {
            return "from generation " + generation.ToString(CultureInfo.InvariantCulture) + " of Instrumentation " + instrumentation.Meta.Key
                + ", which is now at generation " + current.ToString(CultureInfo.InvariantCulture);
        }

        if (injection.Image is { Length: > 0 } image && instrumentation.ExpectedImage(language, state.Webhook.Images) is { } expected && image != expected)
        {
            return "with agent image " + image + ", and Instrumentation " + instrumentation.Meta.Key + " now gives " + expected;
        }

        return null;
    }

    private static Finding Misplaced(Workload workload, LanguageRule language, MisplacedAnnotation misplaced)
        => Found(workload, language, Finding.AnnotationMisplaced,
            misplaced.Field + "[" + misplaced.Key + "] is on the " + workload.Type.Kind + " itself; the webhook only sees the pod, so it is ignored",
            "move it to " + workload.Type.Template.TemplateField + ".metadata.annotations (kubectl patch " + workload.Type.Kind.ToLowerInvariant() + " "
            + workload.Meta.Name + " -n " + workload.Meta.Namespace + " --type merge -p '" + TemplatePatch(workload.Type.Template.TemplatePath, misplaced) + "')");

    /// <summary><c>{"spec":{"template":{"metadata":{"annotations":{"KEY":"VALUE"}}}}}</c> for the workload's template path.</summary>
    private static string TemplatePatch(IReadOnlyList<string> path, MisplacedAnnotation misplaced)
    {
        var inner = "{\"metadata\":{\"annotations\":{\"" + misplaced.Key + "\":\"" + misplaced.Value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}}}";
        for (var i = path.Count - 1; i >= 0; i--)
        {
            inner = "{\"" + path[i] + "\":" + inner + "}";
        }

        return inner;
    }

    private static Finding Found(Workload workload, LanguageRule language, string code, string message, string fix)
        => new(code, workload.Meta.Namespace, workload.Type.Kind, workload.Meta.Name, language.Name, message, fix);

    private static string Recreate(Workload workload) => workload.Type.RecreateCommand(workload.Meta.Namespace, workload.Meta.Name);

    private static string Count(int some, int all)
        => some == 1 && all == 1 ? "its pod was" : some.ToString(CultureInfo.InvariantCulture) + " of " + all.ToString(CultureInfo.InvariantCulture) + " pods were";

    private static bool Before(DateTimeOffset? pod, DateTimeOffset? other) => pod is { } a && other is { } b && a < b;

    private static DateTimeOffset? Oldest(List<PodState> pods) => pods.Min(pod => pod.Meta.Created);

    private static int IndexOf(WorkloadType type)
    {
        for (var i = 0; i < WorkloadType.All.Count; i++)
        {
            if (WorkloadType.All[i] == type)
            {
                return i;
            }
        }

        return -1;
    }
}
