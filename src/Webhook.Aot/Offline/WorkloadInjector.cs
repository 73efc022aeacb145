using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Json;

namespace Webhook.Offline;

/// <summary>
/// Injects into one document exactly as the webhook would into a pod it creates: a Pod as it is, a workload through
/// its pod template (<see cref="TemplatePod"/>). Every other document, and every part of a workload outside the
/// template's changed fields, is written out as read.
/// </summary>
public static class WorkloadInjector
{
    private static readonly string[] s_podAnnotationPrefixes = [InjectionTable.AnnotationPrefix, Injection.Sdk.ResourceAttributes.AnnotationPrefix];

    public static InjectOutcome Inject(SourceDocument document, string defaultNamespace, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        if (WorkloadKind.Of(document) is not { } kind)
        {
            return new InjectOutcome { Json = document.Json };
        }

        if (document.ApiVersion != kind.ApiVersion)
        {
            return new InjectOutcome
            {
                Json = document.Json,
                Kind = kind,
                Skipped = "apiVersion \"" + document.ApiVersion + "\" is not " + kind.ApiVersion + "; document passed through unchanged",
            };
        }

        var ns = string.IsNullOrEmpty(document.Namespace) ? defaultNamespace : document.Namespace;
        var root = (JsonObject)JsonNodes.Parse(document.Json)!;
        var misplaced = MisplacedAnnotations(root, kind);
        if (UnquotedAnnotation(document, root, kind) is { } unquoted)
        {
            return Failed(document, kind, misplaced, unquoted + "; document passed through unchanged");
        }

        TemplatePod? templatePod = null;
        if (!kind.IsPod)
        {
            if (Template(root, kind) is not { } template)
            {
                return Failed(document, kind, misplaced, kind.TemplateField + ": missing or not an object; document passed through unchanged");
            }

            templatePod = TemplatePod.Create(root, kind, template, ns);
        }

        var podJson = templatePod?.Json ?? document.Json;
        PodView pod;
        try
        {
            pod = PodReader.Read(podJson);
        }
        catch (PodFormatException e)
        {
            return Failed(document, kind, misplaced, Where(kind) + e.Message + "; document passed through unchanged");
        }

        var requested = Requested(pod, ns, snapshot);
        var optedOut = OptedOut(pod, ns, snapshot);
        List<string> podNotes = [.. UnknownAnnotations.In(pod), .. PlaceholderNotes.Of(pod), .. ImageLanguageNotes.Of(pod, requested)];
        MutationResult result;
        try
        {
            result = PodMutator.Mutate(pod, ns, snapshot, settings);
        }
        catch (Exception e)
        {
            // The engine's own fault: like the webhook, leave this pod as it was and carry on with the others.
            return Failed(document, kind, misplaced, "injection failed (" + e.GetType().Name + ": " + e.Message + "); document passed through unchanged");
        }

        var outcome = new InjectOutcome
        {
            Json = document.Json, Kind = kind, Result = result, Requested = requested, OptedOut = optedOut, Overrides = GoTargetOverride.Of(pod, ns, snapshot) is { } goTarget ? [goTarget] : [], MisplacedAnnotations = misplaced, Notes = podNotes,
        };
        if (result.Patch is not { } patch)
        {
            return outcome;
        }

        try
        {
            JsonNode injected = root;
            if (templatePod is null)
            {
                injected = JsonPatch.Apply(root, patch.Span)!;
            }
            else
            {
                templatePod.Apply(patch.Span);
            }

            return outcome with { Json = JsonNodes.ToUtf8(injected), Notes = [.. podNotes, .. ExporterEndpointNotes.Of(injected, kind)] };
        }
        catch (JsonPatchException e)
        {
            return Failed(document, kind, misplaced, "the injection patch does not apply (" + e.Message + "); document passed through unchanged");
        }
    }

    private static JsonObject? Template(JsonObject root, WorkloadKind kind)
    {
        JsonNode? node = root;
        foreach (var member in kind.TemplatePath)
        {
            node = (node as JsonObject)?[member];
        }

        return node as JsonObject;
    }

    /// <summary>
    /// An annotation of the pod (template) whose YAML value is not a string, such as an unquoted <c>true</c>: the API
    /// server refuses the whole manifest, so the pods would never be created. Named with its line.
    /// </summary>
    private static string? UnquotedAnnotation(SourceDocument document, JsonObject root, WorkloadKind kind)
    {
        var path = kind.IsPod ? "metadata" : kind.TemplateField + ".metadata";
        var metadata = kind.IsPod ? root["metadata"] : Template(root, kind)?["metadata"];
        if ((metadata as JsonObject)?["annotations"] is not JsonObject annotations)
        {
            return null;
        }

        foreach (var (key, value) in annotations)
        {
            if (value is JsonValue scalar && scalar.GetValueKind() is not System.Text.Json.JsonValueKind.String)
            {
                var text = scalar.ToJsonString();
                return DocumentProblem.At(document, FieldPath.Property(FieldPath.Property(path, "annotations"), key),
                    text + " is not a string, and the API server refuses a manifest with such an annotation; quote it: \"" + text + "\"").ToString();
            }
        }

        return null;
    }

    /// <summary>
    /// Instrumentation and resource-attribute annotations on the workload's own metadata (or a CronJob's Job
    /// template): the webhook only ever sees the pod, so they are ignored there.
    /// </summary>
    private static List<string> MisplacedAnnotations(JsonObject root, WorkloadKind kind)
    {
        var found = new List<string>();
        JsonNode? node = root;
        var path = FieldPath.Root;
        foreach (var member in kind.TemplatePath)
        {
            if ((node as JsonObject)?["metadata"]?["annotations"] is JsonObject annotations)
            {
                foreach (var (key, _) in annotations)
                {
                    if (Array.Exists(s_podAnnotationPrefixes, prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
                    {
                        found.Add(FieldPath.Property(FieldPath.Property(FieldPath.Property(path, "metadata"), "annotations"), key));
                    }
                }
            }

            node = (node as JsonObject)?[member];
            path = FieldPath.Property(path, member);
        }

        return found;
    }

    private static List<string> Requested(PodView pod, string ns, InstrumentationSnapshot snapshot)
    {
        var requested = new List<string>();
        foreach (var language in InjectionTable.All)
        {
            var value = EffectiveValue.Of(pod.Annotation(language.InjectAnnotation), snapshot.NamespaceAnnotation(ns, language.InjectAnnotation));
            if (EffectiveValue.Asks(value))
            {
                requested.Add(language.Name);
            }
        }

        return requested;
    }

    private static List<string> OptedOut(PodView pod, string ns, InstrumentationSnapshot snapshot)
    {
        var optedOut = new List<string>();
        foreach (var language in InjectionTable.All)
        {
            var own = pod.Annotation(language.InjectAnnotation);
            var fromNamespace = snapshot.NamespaceAnnotation(ns, language.InjectAnnotation) ?? "";
            if (own is not null && EffectiveValue.IsFalse(own) && EffectiveValue.Asks(fromNamespace))
            {
                optedOut.Add(language.InjectAnnotation);
            }
        }

        return optedOut;
    }

    private static string Where(WorkloadKind kind) => kind.IsPod ? "" : kind.TemplateField + ": ";

    private static InjectOutcome Failed(SourceDocument document, WorkloadKind kind, List<string> misplaced, string error)
        => new() { Json = document.Json, Kind = kind, MisplacedAnnotations = misplaced, Error = error };
}
