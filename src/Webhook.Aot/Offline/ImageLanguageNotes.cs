using Webhook.Injection;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Injection.Table;

namespace Webhook.Offline;

/// <summary>
/// A language annotation on a pod whose containers run another language's official image (<c>inject-java</c> on
/// <c>python:3.12</c>): the agent is copied in and never loaded, and nothing says so. Only images that name their
/// runtime are recognised; anything else is assumed to fit.
/// </summary>
public static class ImageLanguageNotes
{
    /// <summary>Last path segment of an image repository → the language whose runtime it is (the table's <c>runtimeImages</c>).</summary>
    private static readonly Dictionary<string, Language> s_runtimes = InjectionTable.All
        .SelectMany(static language => language.RuntimeImages.Select(image => (image, language.Language)))
        .ToDictionary(static pair => pair.image, static pair => pair.Language, StringComparer.Ordinal);

    public static List<string> Of(PodView pod, IReadOnlyList<string> requested)
    {
        var notes = new List<string>();
        foreach (var language in InjectionTable.All)
        {
            // An agent the runtime loads in-process; the Go sidecar and the web server modules run beside any image.
            if (!requested.Contains(language.Name) || language.Hook != InjectionHook.None || language.RuntimeImages.IsEmpty)
            {
                continue;
            }

            foreach (var container in pod.Containers)
            {
                if (RuntimeOf(container.Image) is { } runtime && runtime != language.Language)
                {
                    var fits = InjectionTable.All.First(l => l.Language == runtime);
                    notes.Add("spec.containers[" + container.Name + "]: image " + container.Image + " runs " + fits.DisplayName + ", but the pod asks for "
                        + ShortKey(language.InjectAnnotation) + ": the " + language.DisplayName
                        + " agent is never loaded there; use " + ShortKey(fits.InjectAnnotation) + " (or name the right containers in "
                        + ShortKey(language.ContainerNamesAnnotation) + ")");
                }
            }
        }

        return notes;
    }

    private static Language? RuntimeOf(string image)
    {
        var repository = image;
        var at = repository.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            repository = repository[..at];
        }

        var slash = repository.LastIndexOf('/');
        var colon = repository.LastIndexOf(':');
        if (colon > slash)
        {
            repository = repository[..colon];
        }

        var name = repository[(slash + 1)..];
        return s_runtimes.TryGetValue(name, out var language) ? language : null;
    }

    private static string ShortKey(string annotation) => InstrumentationSelector.ShortKey(annotation);
}
