using System.Reflection;
using Webhook.Crd;
using Webhook.Injection;

namespace Webhook.Commands;

/// <summary><c>otel-webhook version</c>: the build's version, the CRD it speaks and the default images it injects.</summary>
public static class VersionCommand
{
    public const string Name = "version";

    public static readonly CommandDefinition Definition = new(Name, "print the version, the resource it serves and the default images (also: otel-webhook --version)", [],
        static (_, output, _) => Run(output));

    public static int Run(TextWriter output)
    {
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        output.WriteLine("otel-webhook " + version);
        output.WriteLine("resource: " + Instrumentation.SchemaApiVersion + " " + Instrumentation.SchemaKind);
        foreach (var language in InjectionTable.All)
        {
            if (language.Image is { } image)
            {
                output.WriteLine("default image " + language.Name + ": " + image.Default);
            }
        }

        return 0;
    }
}
