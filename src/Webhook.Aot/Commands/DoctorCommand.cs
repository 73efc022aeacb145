using k8s;
using k8s.Exceptions;
using Webhook.Doctor;
using Webhook.Sources;

namespace Webhook.Commands;

/// <summary>
/// <c>otel-webhook doctor</c>: with the user's own kubeconfig, reads the workloads that ask for injection and their
/// pods, and says for each that lacks it why and what to do. Read-only. Exit codes: 0 nothing wrong, 1 findings,
/// 2 usage, 3 the cluster could not be read.
/// </summary>
public static class DoctorCommand
{
    public const string Name = "doctor";

    public const int ExitFindings = 1;
    public const int ExitUnreachable = 3;

    public static readonly CommandDefinition Definition = new(Name,
        "read-only: for each workload that asks for injection, whether its pods got it, and if not, why and what to do",
    [
        CommandOption.Value("--kubeconfig", "FILE", "the kubeconfig to read the cluster with", "$KUBECONFIG, else ~/.kube/config"),
        CommandOption.Value("--context", "NAME", "the kubeconfig context", "the current context"),
        CommandOption.Value("--namespace", "NS", "the namespace to look in", "the context's namespace, else default", alias: "-n"),
        CommandOption.Switch("--all-namespaces", "look in every namespace", alias: "-A"),
        CommandOption.Value(OutputFormat.Option, "FORMAT", "text for people, json for scripts", "text", alias: "-o", choices: OutputFormat.Names),
    ], static (line, output, errors) => Run(line, output, errors, Environment.GetEnvironmentVariable))
    {
        Arguments = "[KIND/NAME]",
        MaxArguments = int.MaxValue,
        ArgumentChoices = static () => WorkloadType.All.Select(static type => type.Kind.ToLowerInvariant() + "/"),
        Details = "Exit 0 nothing wrong, 1 findings, 2 usage, 3 cluster not readable.",
    };

    /// <summary>Runs with <paramref name="environment"/> in place of the process's variables (for <c>KUBECONFIG</c>).</summary>
    internal static int Run(ReadOnlySpan<string> arguments, TextWriter output, TextWriter errors, Func<string, string?> environment)
        => Run(CommandLine.Parse(Definition, arguments), output, errors, environment);

    private static int Run(CommandLine line, TextWriter output, TextWriter errors, Func<string, string?> environment)
        => RunAsync(Parse(line), output, errors, environment, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter errors, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = UserKubeconfig.Load(request.Kubeconfig, request.Context, environment);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            errors.WriteLine("otel-webhook doctor: cannot load the kubeconfig " + UserKubeconfig.Describe(request.Kubeconfig, environment) + ": " + e.Message);
            return ExitUnreachable;
        }

        var scope = new DoctorScope(request.AllNamespaces ? null : request.Namespace ?? NonEmpty(configuration.Namespace) ?? "default", request.TargetType, request.TargetName);
        try
        {
            using var client = ApiServerClient.From(configuration);
            var reader = new ClusterReader(client);
            var state = await ClusterSurvey.ReadAsync(reader, scope, ReadServeSwitches, cancellationToken).ConfigureAwait(false);
            var (findings, asking) = new Diagnosis(state, reader).Run(scope);
            findings = await EventQuotes.AttachAsync(reader, findings, cancellationToken).ConfigureAwait(false);
            if (request.TargetType is not null && !state.Workloads.Any(scope.Includes))
            {
                errors.WriteLine("otel-webhook doctor: " + request.TargetType.Kind + " " + request.TargetName + " not found in " + scope.Describe());
                return ExitFindings;
            }

            foreach (var note in reader.Notes)
            {
                errors.WriteLine("otel-webhook doctor: note: " + note);
            }

            if (request.Json)
            {
                FindingWriter.WriteJson(output, findings);
            }
            else
            {
                FindingWriter.WriteText(output, findings, asking, scope);
            }

            return findings.Count == 0 ? 0 : ExitFindings;
        }
        catch (Exception e) when (e is HttpRequestException or ApiStatusException or InvalidDataException or KubeConfigException or System.Text.Json.JsonException)
        {
            errors.WriteLine("otel-webhook doctor: cannot read the cluster at " + configuration.Host + ": " + e.Message);
            return ExitUnreachable;
        }
    }

    private static Request Parse(CommandLine line)
    {
        var words = line.Arguments;
        var ns = line.Value("--namespace");
        var all = line.Switch("--all-namespaces", whenAbsent: false);
        if (all && ns is not null)
        {
            throw new UsageException("otel-webhook doctor: -n and -A exclude each other; give one");
        }

        if (ns is { Length: 0 })
        {
            throw new UsageException("otel-webhook doctor: -n needs a namespace name");
        }

        if (words.Count > 1)
        {
            throw new UsageException("otel-webhook doctor: one KIND/NAME at most, got '" + string.Join(" ", words) + "'");
        }

        WorkloadType? type = null;
        string? name = null;
        if (words.Count == 1)
        {
            var slash = words[0].IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == words[0].Length - 1)
            {
                throw new UsageException("otel-webhook doctor: '" + words[0] + "' is not KIND/NAME, e.g. deployment/checkout");
            }

            type = WorkloadType.Named(words[0][..slash]) ?? throw new UsageException("otel-webhook doctor: unknown kind '" + words[0][..slash]
                + "'; use one of " + string.Join(", ", WorkloadType.All.Select(static t => t.Kind.ToLowerInvariant())));
            name = words[0][(slash + 1)..];
        }

        return new Request(line.Value("--kubeconfig"), line.Value("--context"), ns, all, type, name, OutputFormat.IsJson(line));
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private sealed record Request(string? Kubeconfig, string? Context, string? Namespace, bool AllNamespaces, WorkloadType? TargetType, string? TargetName, bool Json);

    private static ServeSwitches ReadServeSwitches(string[] arguments, Func<string, string?> environment)
    {
        try
        {
            var options = ServeCommand.Parse(arguments, environment);
            return new ServeSwitches(options.Settings, options.Images, null);
        }
        catch (UsageException e)
        {
            return new ServeSwitches(null, null, e.Message);
        }
    }
}
