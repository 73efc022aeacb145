using Webhook.Crd;

namespace Webhook.Commands;

/// <summary>
/// The parsed words of a command line, read against the command's option table: <c>--flag value</c>,
/// <c>--flag=value</c>, <c>-f value</c>, switches given bare or as <c>--switch=true|false</c> (as the operator's Go
/// flags take them), and the words that are not options when the command takes some. A typo is an error that names
/// the option and the closest one the command has, never silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _arguments = [];
    private readonly CommandDefinition _definition;

    private CommandLine(CommandDefinition definition) => _definition = definition;

    public string Command => _definition.Name;

    /// <summary>The words that are not options, in order.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary><c>-h</c> or <c>--help</c> was given: the caller prints the command's help instead of running it.</summary>
    public bool HelpRequested { get; private set; }

    public static CommandLine Parse(CommandDefinition definition, ReadOnlySpan<string> arguments)
    {
        var result = new CommandLine(definition);
        CommandOption? lastSwitch = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (argument.Length < 2 || argument[0] != '-')
            {
                result.AddArgument(argument, lastSwitch);
                lastSwitch = null;
                continue;
            }

            var equals = argument.StartsWith("--", StringComparison.Ordinal) ? argument.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = equals > 0 ? argument[..equals] : argument;
            var option = definition.Find(name) ?? throw Unknown(definition, name);
            if (option == CommandOption.Help)
            {
                result.HelpRequested = true;
                return result;
            }

            string? value;
            if (equals > 0)
            {
                value = argument[(equals + 1)..];
            }
            else if (option.IsSwitch)
            {
                value = null;
            }
            else if (i + 1 < arguments.Length)
            {
                value = arguments[++i];
            }
            else
            {
                throw new UsageException("otel-webhook " + definition.Name + ": option '" + name + "' needs a value");
            }

            if (option.IsSwitch && value is not null && ParseBool(value) is null)
            {
                throw new UsageException("otel-webhook " + definition.Name + ": " + option.Name + "=" + value + " is not a boolean; use "
                    + option.Name + "=true or " + option.Name + "=false");
            }

            result._options[option.Name] = value;
            lastSwitch = option.IsSwitch && equals < 0 ? option : null;
        }

        return result;
    }

    /// <summary>Whether the option (by its name or its short form) was given.</summary>
    public bool Has(string name) => _options.ContainsKey(Known(name).Name);

    public string? Value(string name) => _options.TryGetValue(Known(name).Name, out var value) ? value : null;

    /// <summary>A switch: <paramref name="whenAbsent"/> when not given, true when bare, else its value.</summary>
    public bool Switch(string name, bool whenAbsent) => !Has(name) ? whenAbsent : Value(name) is not { } value || ParseBool(value)!.Value;

    /// <summary>A boolean as Go's strconv.ParseBool reads it (the operator's flags are Go flags); null when it is none.</summary>
    public static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    /// <summary>Reading an option the table does not list is a mistake in the command, not in the command line.</summary>
    private CommandOption Known(string name)
        => _definition.Find(name) ?? throw new InvalidOperationException("otel-webhook " + Command + " reads option '" + name + "', which its table does not list");

    private void AddArgument(string argument, CommandOption? lastSwitch)
    {
        if (_arguments.Count < _definition.MaxArguments)
        {
            _arguments.Add(argument);
            return;
        }

        var hint = lastSwitch is not null && ParseBool(argument) is not null
            ? "; a switch takes its value after '=': " + lastSwitch.Name + "=" + argument
            : _definition.MaxArguments == 0
                ? "; it takes options only (otel-webhook help " + _definition.Name + " lists them)"
                : "; it takes " + _definition.Arguments + " once";
        throw new UsageException("otel-webhook " + _definition.Name + ": unexpected argument '" + argument + "'" + hint);
    }

    private static UsageException Unknown(CommandDefinition definition, string name)
    {
        var names = definition.AllOptions.SelectMany(static option => option.Alias is { } alias ? [option.Name, alias] : new[] { option.Name }).ToArray();
        var closest = name.Length > 3 ? Suggestions.Closest(name, names) : null;
        return new UsageException("otel-webhook " + definition.Name + ": unknown option '" + name + "'"
            + (closest is null ? "" : "; did you mean '" + closest + "'?")
            + " (otel-webhook help " + definition.Name + " lists the options)");
    }
}

/// <summary>A command line that cannot be run; the message says what to change.</summary>
public sealed class UsageException(string message) : Exception(message);
