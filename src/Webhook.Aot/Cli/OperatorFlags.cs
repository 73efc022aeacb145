using Webhook.Injection;
using Webhook.Instrumentations;

namespace Webhook.Cli;

/// <summary>
/// The operator's switches as command-line options, from the injection table: <c>--enable-&lt;language&gt;-instrumentation</c>
/// and <c>--enable-multi-instrumentation</c> (bare, or <c>=true</c>/<c>=false</c>), and
/// <c>--auto-instrumentation-&lt;language&gt;-image IMAGE</c>. Unset switches keep the operator's defaults.
/// </summary>
public static class OperatorFlags
{
    /// <summary>Adds every switch (no separate value) and image flag (takes a value) to a command's options.</summary>
    public static void AddTo(Dictionary<string, bool> options)
    {
        options[InjectionTable.MultiInstrumentation.Flag] = false;
        foreach (var language in InjectionTable.All)
        {
            if (language.Switch is { } rule)
            {
                options[rule.Flag] = false;
            }

            if (language.Image is { } image)
            {
                options[image.Flag] = true;
            }
        }
    }

    public static InjectionSettings Settings(CommandLine line)
    {
        var enabled = new Dictionary<Language, bool>();
        foreach (var language in InjectionTable.All)
        {
            if (language.Switch is { } rule && line.Has(rule.Flag))
            {
                enabled[language.Language] = Boolean(line, rule.Flag);
            }
        }

        var multi = line.Has(InjectionTable.MultiInstrumentation.Flag) ? Boolean(line, InjectionTable.MultiInstrumentation.Flag) : (bool?)null;
        return new InjectionSettings(enabled, multi);
    }

    public static ImageDefaults Images(CommandLine line)
    {
        var overrides = new Dictionary<Language, string>();
        foreach (var language in InjectionTable.All)
        {
            if (language.Image is { } image && line.Value(image.Flag) is { } value)
            {
                overrides[language.Language] = value.Length > 0
                    ? value
                    : throw new UsageException("otel-webhook " + line.Command + ": " + image.Flag + " needs an image, e.g. " + image.Default);
            }
        }

        return overrides.Count == 0 ? ImageDefaults.FromTable : new ImageDefaults(overrides);
    }

    /// <summary>A bare switch means true; a value is read as Go's strconv.ParseBool reads it, as the operator does.</summary>
    private static bool Boolean(CommandLine line, string flag) => line.Value(flag) switch
    {
        null or "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        var other => throw new UsageException("otel-webhook " + line.Command + ": " + flag + "=" + other + " is not a boolean; use "
            + flag + "=true or " + flag + "=false"),
    };
}
