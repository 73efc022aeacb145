using Webhook.Injection;
using Webhook.Injection.Table;
using Webhook.Instrumentations;

namespace Webhook.Commands;

/// <summary>
/// The operator's switches as command-line options, from the injection table: <c>--enable-&lt;language&gt;-instrumentation</c>
/// and <c>--enable-multi-instrumentation</c> (bare, or <c>=true</c>/<c>=false</c>), and
/// <c>--auto-instrumentation-&lt;language&gt;-image IMAGE</c>. Unset switches keep the operator's defaults. Also
/// <c>--cross-namespace-instrumentations=allow|deny</c>, which the operator does not have (allow is its behaviour).
/// </summary>
public static class OperatorFlags
{
    /// <summary><c>--cross-namespace-instrumentations</c>: whether a pod may name another namespace's Instrumentation.</summary>
    public static readonly CommandOption CrossNamespace = CommandOption.Value(InjectionSettings.CrossNamespaceFlag, "allow|deny",
        "deny: a pod naming another namespace's Instrumentation goes without that language (not an operator flag)", "allow", choices: ["allow", "deny"]);

    /// <summary>The operator's switches: <c>--enable-multi-instrumentation</c> and one <c>--enable-&lt;language&gt;-instrumentation</c> per language that has one.</summary>
    public static IEnumerable<CommandOption> Switches()
    {
        yield return CommandOption.Switch(InjectionTable.MultiInstrumentation.Flag, "inject several languages into one pod, each into the containers its annotation names",
            InjectionTable.MultiInstrumentation.Default);
        foreach (var language in InjectionTable.All)
        {
            if (language.Switch is { } rule)
            {
                yield return CommandOption.Switch(rule.Flag, "inject " + language.Name + " into pods that ask for it", rule.Default);
            }
        }
    }

    /// <summary>The operator's default image flags, <c>--auto-instrumentation-&lt;language&gt;-image</c>.</summary>
    public static IEnumerable<CommandOption> ImageOptions()
    {
        foreach (var language in InjectionTable.All)
        {
            if (language.Image is { } image)
            {
                yield return CommandOption.Value(image.Flag, "IMAGE", "the " + language.Name + " agent image when the Instrumentation names none", image.Default);
            }
        }
    }

    /// <summary>Every operator option <c>inject</c> and <c>serve</c> take: switches, cross-namespace, images.</summary>
    public static IEnumerable<CommandOption> All() => Switches().Append(CrossNamespace).Concat(ImageOptions());

    /// <summary>The switches from flags, then (when <paramref name="environment"/> is given) the operator's ENABLE_* variables, then the defaults.</summary>
    public static InjectionSettings Settings(CommandLine line, Func<string, string?>? environment = null)
    {
        var enabled = new Dictionary<Language, bool>();
        foreach (var language in InjectionTable.All)
        {
            if (language.Switch is { } rule && Switch(line, rule, environment) is { } on)
            {
                enabled[language.Language] = on;
            }
        }

        return new InjectionSettings(enabled, Switch(line, InjectionTable.MultiInstrumentation, environment), AllowCrossNamespace(line));
    }

    /// <summary><c>--cross-namespace-instrumentations</c>: <c>allow</c> (the default, as the operator) or <c>deny</c>.</summary>
    public static bool AllowCrossNamespace(CommandLine line) => line.Value(InjectionSettings.CrossNamespaceFlag) switch
    {
        null or "allow" => true,
        "deny" => false,
        var other => throw new UsageException("otel-webhook " + line.Command + ": " + InjectionSettings.CrossNamespaceFlag + " " + other
            + " is not allow or deny; use " + InjectionSettings.CrossNamespaceFlag + "=deny to refuse Instrumentations of other namespaces"),
    };

    /// <summary>The default images from flags, then (when <paramref name="environment"/> is given) RELATED_IMAGE_* variables, then the table.</summary>
    public static ImageDefaults Images(CommandLine line, Func<string, string?>? environment = null)
    {
        var overrides = new Dictionary<Language, string>();
        foreach (var language in InjectionTable.All)
        {
            if (language.Image is not { } image)
            {
                continue;
            }

            if (line.Value(image.Flag) is { } value)
            {
                overrides[language.Language] = value.Length > 0
                    ? value
                    : throw new UsageException("otel-webhook " + line.Command + ": " + image.Flag + " needs an image, e.g. " + image.Default);
            }
            else if (environment?.Invoke(image.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                overrides[language.Language] = fromEnvironment;
            }
        }

        return overrides.Count == 0 ? ImageDefaults.FromTable : new ImageDefaults(overrides);
    }

    private static bool? Switch(CommandLine line, SwitchRule rule, Func<string, string?>? environment)
    {
        if (line.Has(rule.Flag))
        {
            return Boolean(line, rule.Flag);
        }

        if (environment?.Invoke(rule.EnvironmentVariable) is { } text)
        {
            // The operator reads an unparsable value as false without a word; here it stops the start-up instead.
            return CommandLine.ParseBool(text) ?? throw new UsageException("otel-webhook " + line.Command + ": environment variable " + rule.EnvironmentVariable
                + "=" + text + " is not a boolean; use true or false");
        }

        return null;
    }

    /// <summary>A bare switch means true; a value is read as Go's strconv.ParseBool reads it, as the operator does.</summary>
    private static bool Boolean(CommandLine line, string flag) => line.Switch(flag, whenAbsent: true);
}
