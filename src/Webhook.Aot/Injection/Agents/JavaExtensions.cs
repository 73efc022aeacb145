using Webhook.Crd;
using Webhook.Injection.Pods;
using Webhook.Injection.Table;
using Webhook.Injection.Text;

namespace Webhook.Injection.Agents;

/// <summary>
/// Java agent extensions (<c>spec.java.extensions</c>): one init container per extension copying its directory
/// into the agent volume, and the <c>-Dotel.javaagent.extensions</c> argument. The table has no field for a list
/// of images, so this stays code.
/// </summary>
public static class JavaExtensions
{
    public static string ArgumentFor(ContainerView container)
        => TextCache.Concat(" -Dotel.javaagent.extensions=/otel-auto-instrumentation-java-", container.Name, "/extensions");

    public static void AddInitContainers(InjectionContext context, Java java, Instrumentation instrumentation, ContainerView firstTarget, InitContainerRule agent)
    {
        var previous = agent.Name;
        for (var i = 0; i < java.Extensions!.Count; i++)
        {
            var extension = java.Extensions[i];
            var name = "opentelemetry-auto-instrumentation-extension-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var json = InitContainerJson.Agent(context.Changes.Fragments, name, extension.Image ?? "",
                ["cp", "-r", extension.Dir + "/.", agent.MountPath + "/extensions"],
                java.Resources, instrumentation, firstTarget, agent.Name, agent.MountPath, withPullPolicy: false);
            context.Changes.AddInitContainerAfter(previous, name, json);
            previous = name;
        }
    }
}
