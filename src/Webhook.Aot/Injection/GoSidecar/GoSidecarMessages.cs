using Webhook.Crd;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Injection.Text;
using Webhook.Text;

namespace Webhook.Injection.GoSidecar;

/// <summary>
/// What the Go sidecar hook says about a pod it injects. The warning and the decision come back for every pod of a
/// workload, so they are <see cref="TextCache"/> strings.
/// </summary>
public static class GoSidecarMessages
{
    /// <summary>The warning every injected pod gets: the sidecar mounts a hostPath, and is privileged unless configured otherwise.</summary>
    public static string HostAccess(SelectedLanguage selected, Go go)
    {
        var text = new TextBuilder(stackalloc char[256]);
        text.Append("metadata.annotations[");
        text.Append(ShortKey(selected.Rule.InjectAnnotation));
        text.Append("]: Go sidecar ");
        text.Append(go.SecurityContext is null or { Privileged: true } ? "is privileged, mounts" : "mounts");
        text.Append(" hostPath; Pod Security baseline/restricted reject it");
        return text.ToCachedString();
    }

    public static string Injected(SelectedLanguage selected, ContainerView app)
    {
        var text = new TextBuilder(stackalloc char[256]);
        text.Append("sidecar ");
        text.Append(GoSidecarHook.SidecarName);
        text.Append(" watches ");
        text.Append(app.Name);
        text.Append(" from Instrumentation ");
        text.Append(selected.Instrumentation.Metadata?.Namespace);
        text.Append('/');
        text.Append(selected.Instrumentation.Metadata?.Name);
        return text.ToCachedString();
    }

    /// <summary>
    /// The operator goes on silently when the named container is missing or more than one is named; we say so, naming
    /// the first few ignored names (a list may hold thousands).
    /// </summary>
    public static void WarnAboutTarget(InjectionContext context, SelectedLanguage selected, string targetName, ContainerView? target, ContainerView app)
    {
        if (target is null)
        {
            context.Warn(WarningReason.ContainerNotFound, "metadata.annotations[container-names]: no container " + EchoedText.Quote(targetName)
                + " in the pod; Go takes " + EchoedText.Quote(app.Name) + " as the app");
        }

        var names = selected.ContainerNames;
        if (names.Count > 1)
        {
            var text = new TextBuilder(stackalloc char[256]);
            text.Append("metadata.annotations[container-names]: Go watches one container, \"");
            text.Append(EchoedText.Cut(targetName));
            text.Append("\"; ");
            var listed = Math.Min(names.Count - 1, EchoedText.MaxListed);
            for (var i = 1; i <= listed; i++)
            {
                text.Append(i == 1 ? "\"" : ", \"");
                text.Append(EchoedText.Cut(names[i]));
                text.Append('"');
            }

            if (names.Count - 1 > listed)
            {
                text.Append(" and ");
                text.Append(names.Count - 1 - listed);
                text.Append(" more");
            }

            text.Append(" ignored");
            context.Warn(WarningReason.ContainerSkipped, text.ToCachedString());
        }
    }

    /// <summary><see cref="InstrumentationSelector.ShortKey"/> as a part of the annotation, not a new string.</summary>
    private static ReadOnlySpan<char> ShortKey(string annotation)
        => annotation.StartsWith(InjectionTable.AnnotationPrefix, StringComparison.Ordinal) ? annotation.AsSpan(InjectionTable.AnnotationPrefix.Length) : annotation;
}
