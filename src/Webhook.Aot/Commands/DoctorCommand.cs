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

    private static readonly Dictionary<string, bool> s_options = new()
    {
        ["--kubeconfig"] = true,
        ["--context"] = true,
        ["-n"] = true,
        ["--namespace"] = true,
        ["-A"] = false,
        ["--all-namespaces"] = false,
        ["-o"] = true,
        ["--output"] = true,
    };

    public static int Run(ReadOnlySpan<string> arguments, TextWriter output, TextWriter errors)
        => Run(arguments, output, errors, Environment.GetEnvironmentVariable);

    /// <summary>Runs with <paramref name="environment"/> in place of the process's variables (for <c>KUBECONFIG</c>).</summary>
    internal static int Run(ReadOnlySpan<string> arguments, TextWriter output, TextWriter errors, Func<string, string?> environment)
        => RunAsync(Parse(arguments), output, errors, environment, CancellationToken.None).GetAwaiter().GetResult();

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
            var state = await ClusterSurvey.ReadAsync(reader, scope, cancellationToken).ConfigureAwait(false);
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

    private static Request Parse(ReadOnlySpan<string> arguments)
    {
        var words = new List<string>();
        var options = new List<string>();
        for (var i = 0; i < arguments.Length; i++)
        {
            var word = arguments[i];
            if (!word.StartsWith('-'))
            {
                words.Add(word);
                continue;
            }

            options.Add(word);
            if (s_options.TryGetValue(word, out var takesValue) && takesValue && i + 1 < arguments.Length)
            {
                options.Add(arguments[++i]);
            }
        }

        var line = CommandLine.Parse(Name, [.. options], s_options);
        var ns = line.Value("-n") ?? line.Value("--namespace");
        var all = line.Has("-A") || line.Has("--all-namespaces");
        if (all && ns is not null)
        {
            throw new UsageException("otel-webhook doctor: -n and -A exclude each other; give one");
        }

        if (ns is { Length: 0 })
        {
            throw new UsageException("otel-webhook doctor: -n needs a namespace name");
        }

        var format = line.Value("-o") ?? line.Value("--output") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException("otel-webhook doctor: -o " + format + " is not a format; use -o text or -o json");
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

        return new Request(line.Value("--kubeconfig"), line.Value("--context"), ns, all, type, name, format == "json");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private sealed record Request(string? Kubeconfig, string? Context, string? Namespace, bool AllNamespaces, WorkloadType? TargetType, string? TargetName, bool Json);
}
