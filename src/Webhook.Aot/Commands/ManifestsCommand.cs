using Webhook.Manifests;
using Webhook.Manifests.Collector;

namespace Webhook.Commands;

/// <summary>
/// <c>otel-webhook manifests [--namespace NS] [--cert-manager | --cert-dir DIR] [--image IMAGE] [--cross-namespace-instrumentations=allow|deny] [--events=false]
/// [--service-monitor] [--telemetry-collector]</c>: the install bundle as one YAML
/// stream on standard output, ready for <c>kubectl apply -f -</c>. With <c>--collector NAME</c>, an OpenTelemetry
/// Collector named as the operator would name it, instead of the bundle. Exit 0, or 2 for usage errors.
/// </summary>
public static class ManifestsCommand
{
    public const string Name = "manifests";

    private const int MaxNamespaceLength = 63;

    private static readonly int s_maxCollectorNameLength = MaxNamespaceLength - "-collector".Length;

    public static readonly CommandDefinition Definition = new(Name, "print the install bundle as YAML for kubectl apply -f -, or an OpenTelemetry Collector",
    [
        CommandOption.Value("--namespace", "NS", "the namespace to install into", InstallTarget.DefaultNamespace),
        CommandOption.Switch("--cert-manager", "a cert-manager Certificate instead of a generated CA and serving certificate (valid 1 year)"),
        CommandOption.Value("--image", "IMAGE", "the webhook's image (with --collector: the collector's)", InstallTarget.DefaultImageRepository + ":" + ReleaseVersion.Current),
        CommandOption.Value("--cert-dir", "DIR", "keep the generated CA and serving certificate in DIR (made on the first run, reused after), so the output is the same on every run"),
        CommandOption.Switch("--service-monitor", "add a Prometheus Operator ServiceMonitor that scrapes /metrics"),
        CommandOption.Switch("--telemetry-collector", "add an OpenTelemetry Collector and point the webhook's own OTLP export at it"),
        CommandOption.Value("--collector", "NAME", "print an OpenTelemetry Collector NAME-collector instead of the bundle: OTLP on 4317 and 4318, the debug exporter"),
        CommandOption.Switch("--events", "let the webhook record Kubernetes Events on the pods' workloads", defaultValue: true),
        OperatorFlags.CrossNamespace,
        .. OperatorFlags.Switches(),
    ], static (line, output, _) => Run(line, output, TimeProvider.System))
    {
        Details = "The operator's switches given here are passed to serve in the Deployment. Exit 0, or 2 for usage errors.",
    };

    public static int Run(CommandLine line, TextWriter output, TimeProvider clock)
    {
        if (line.Has("--collector"))
        {
            output.Write(BundleYaml.Write(CollectorBundle.Create(Collector(line))));
            return 0;
        }

        var target = new InstallTarget(Namespace(line), Image(line))
        {
            AllowCrossNamespace = OperatorFlags.AllowCrossNamespace(line),
            Events = line.Switch("--events", whenAbsent: true),
            Switches = LanguageSwitches(line),
            ServiceMonitor = line.Switch("--service-monitor", whenAbsent: false),
            TelemetryCollector = line.Switch("--telemetry-collector", whenAbsent: false),
        };
        var bundle = Bundle(target, line.Switch("--cert-manager", whenAbsent: false), CertDir(line), clock.GetUtcNow());
        output.Write(BundleYaml.Write(bundle));
        return 0;
    }

    private static IReadOnlyList<BundleDocument> Bundle(InstallTarget target, bool certManager, string? certDir, DateTimeOffset now)
    {
        if (certManager && certDir is not null)
        {
            throw new UsageException("otel-webhook " + Name + ": --cert-dir keeps a generated certificate, and --cert-manager has cert-manager issue one; choose one of them");
        }

        try
        {
            return InstallBundle.Create(target, certManager, now, certDir);
        }
        catch (CertificateFolderException e)
        {
            throw new UsageException("otel-webhook " + Name + ": --cert-dir " + e.Message);
        }
    }

    private static string? CertDir(CommandLine line) => line.Value("--cert-dir") switch
    {
        null => null,
        "" => throw new UsageException("otel-webhook " + Name + ": --cert-dir needs a folder, e.g. --cert-dir certs"),
        var folder => folder,
    };

    /// <summary>The operator's switches given on the command line, as the Deployment passes them to serve: <c>--enable-go-instrumentation=true</c>.</summary>
    private static List<string> LanguageSwitches(CommandLine line)
    {
        var switches = new List<string>();
        var rules = Webhook.Injection.InjectionTable.All.Select(language => language.Switch).Append(Webhook.Injection.InjectionTable.MultiInstrumentation);
        foreach (var rule in rules)
        {
            if (rule is not null && line.Has(rule.Flag))
            {
                switches.Add(rule.Flag + "=" + (line.Switch(rule.Flag, whenAbsent: rule.Default) ? "true" : "false"));
            }
        }

        return switches;
    }

    /// <summary>
    /// The collector's name makes a Service name, <c>NAME-collector</c>, which must be an RFC 1035 label: a letter first.
    /// Without <c>--namespace</c> the documents carry none, so they land where <c>kubectl apply</c> puts them.
    /// </summary>
    private static CollectorTarget Collector(CommandLine line)
    {
        if (line.Switch("--cert-manager", whenAbsent: false))
        {
            throw new UsageException("otel-webhook " + Name + ": --cert-manager is for the install bundle; leave it out with --collector");
        }

        foreach (var bundleOnly in (string[])["--cert-dir", "--service-monitor", "--telemetry-collector"])
        {
            if (line.Has(bundleOnly))
            {
                throw new UsageException("otel-webhook " + Name + ": " + bundleOnly + " is for the install bundle; leave it out with --collector");
            }
        }

        if (line.Has(Webhook.Injection.InjectionSettings.CrossNamespaceFlag))
        {
            throw new UsageException("otel-webhook " + Name + ": " + Webhook.Injection.InjectionSettings.CrossNamespaceFlag
                + " is for the install bundle; leave it out with --collector");
        }

        var name = line.Value("--collector")!;
        if (name.Length > s_maxCollectorNameLength || !IsDnsLabel(name) || !char.IsAsciiLetterLower(name[0]))
        {
            throw new UsageException("otel-webhook " + Name + ": --collector '" + name + "' cannot name a Service '" + name + "-collector'; use at most "
                + s_maxCollectorNameLength + " lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        }

        var ns = line.Value("--namespace") is { } given ? Namespace(given) : null;
        return new CollectorTarget(name, ns, Image(line, CollectorTarget.DefaultImage));
    }

    private static string Namespace(CommandLine line) => Namespace(line.Value("--namespace") ?? InstallTarget.DefaultNamespace);

    private static string Namespace(string name)
    {
        if (!IsDnsLabel(name))
        {
            throw new UsageException("otel-webhook " + Name + ": --namespace '" + name + "' is not a namespace name; use at most "
                + MaxNamespaceLength + " lowercase letters, digits and '-', starting and ending with a letter or digit");
        }

        return name;
    }

    private static string Image(CommandLine line) => Image(line, InstallTarget.DefaultImageRepository + ":" + ReleaseVersion.Current);

    private static string Image(CommandLine line, string defaultImage)
    {
        var image = line.Value("--image") ?? defaultImage;
        if (image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            throw new UsageException("otel-webhook " + Name + ": --image '" + image + "' is not an image reference, e.g. " + defaultImage);
        }

        return image;
    }

    /// <summary>RFC 1123 label, the rule the API server applies to namespace names.</summary>
    private static bool IsDnsLabel(string name) =>
        name.Length is > 0 and <= MaxNamespaceLength
        && IsLowerAlphanumeric(name[0])
        && IsLowerAlphanumeric(name[^1])
        && name.All(static c => IsLowerAlphanumeric(c) || c == '-');

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
