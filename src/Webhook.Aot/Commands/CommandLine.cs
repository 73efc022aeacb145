namespace Webhook.Commands;

/// <summary>
/// The parsed words of a command line: <c>--flag value</c>, <c>--flag=value</c>, <c>-f value</c>, bare switches, and
/// switches given a value after '=' (<c>--enable-go-instrumentation=false</c>), which the command then reads.
/// Each command says which options it takes, so a typo is an error that names the option, never silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(string command, ReadOnlySpan<string> arguments, IReadOnlyDictionary<string, bool> takesValue)
    {
        var result = new CommandLine(command);
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            var equals = argument.IndexOf('=');
            var name = equals > 0 && argument.StartsWith("--", StringComparison.Ordinal) ? argument[..equals] : argument;
            if (!takesValue.TryGetValue(name, out var needsValue))
            {
                throw new UsageException("otel-webhook " + command + ": unknown option '" + name + "'; options: " + string.Join(", ", takesValue.Keys));
            }

            if (equals > 0 && name != argument)
            {
                result._options[name] = argument[(equals + 1)..];
            }
            else if (!needsValue)
            {
                result._options[name] = null;
            }
            else if (i + 1 < arguments.Length)
            {
                result._options[name] = arguments[++i];
            }
            else
            {
                throw new UsageException("otel-webhook " + command + ": option '" + name + "' needs a value");
            }
        }

        return result;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// A switch: <paramref name="whenAbsent"/> when not given, true when bare, else its value read as Go's
    /// strconv.ParseBool reads it (the operator's flags are Go flags).
    /// </summary>
    public bool Switch(string name, bool whenAbsent) => !Has(name) ? whenAbsent : Value(name) switch
    {
        null or "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        var other => throw new UsageException("otel-webhook " + Command + ": " + name + "=" + other + " is not a boolean; use "
            + name + "=true or " + name + "=false"),
    };
}

/// <summary>A command line that cannot be run; the message says what to change.</summary>
public sealed class UsageException(string message) : Exception(message);
