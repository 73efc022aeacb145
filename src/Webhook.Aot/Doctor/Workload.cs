using System.Text.Json;
using Webhook.Injection;

namespace Webhook.Doctor;

/// <summary>
/// A Deployment, StatefulSet, DaemonSet, Job, CronJob or bare Pod: the annotations of its pod template, and the
/// inject annotations written where the webhook never sees them (the workload's own metadata, a CronJob's Job template).
/// </summary>
internal sealed record Workload(WorkloadType Type, ResourceMeta Meta, IReadOnlyDictionary<string, string> TemplateAnnotations, IReadOnlyList<MisplacedAnnotation> Misplaced)
{
    public static Workload Of(WorkloadType type, JsonElement item)
    {
        var meta = ResourceMeta.Of(item);
        if (type.Template.IsPod)
        {
            return new Workload(type, meta, meta.Annotations, []);
        }

        var misplaced = new List<MisplacedAnnotation>();
        JsonElement? node = item;
        var field = "";
        foreach (var member in type.Template.TemplatePath)
        {
            foreach (var (key, value) in Json.Strings(Json.Child(Json.Child(node, "metadata"), "annotations")))
            {
                if (key.StartsWith(InjectionTable.AnnotationPrefix + "inject-", StringComparison.Ordinal))
                {
                    misplaced.Add(new MisplacedAnnotation(field + "metadata.annotations", key, value));
                }
            }

            node = Json.Child(node, member);
            field += member + ".";
        }

        return new Workload(type, meta, Json.Strings(Json.Child(Json.Child(node, "metadata"), "annotations")), misplaced);
    }
}

/// <summary>An inject annotation at <paramref name="Field"/> (<c>metadata.annotations</c>, <c>spec.jobTemplate.metadata.annotations</c>).</summary>
internal sealed record MisplacedAnnotation(string Field, string Key, string Value);
