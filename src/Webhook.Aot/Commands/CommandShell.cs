using Webhook.Crd;
using Webhook.Documents;

namespace Webhook.Commands;

/// <summary>Dispatches <c>otel-webhook COMMAND …</c> and turns usage mistakes into exit code 2 with a message.</summary>
public static class CommandShell
{
    public const string HelpName = "help";

    /// <summary>Every command, in the order help lists them: the one table the parser, help and completion read.</summary>
    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        ServeCommand.Definition,
        ValidateCommand.Definition,
        InjectCommand.Definition,
        ManifestsCommand.Definition,
        DoctorCommand.Definition,
        VersionCommand.Definition,
        CompletionCommand.Definition,
        new(HelpName, "print the commands, or a command's options and their defaults", [], RunHelp)
        {
            Arguments = "[COMMAND]",
            MaxArguments = 1,
            ArgumentChoices = static () => All!.Select(static command => command.Name),
        },
    ];

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0)
        {
            errors.Write(HelpText.Overview(All));
            return 2;
        }

        try
        {
            if (args[0] is "-h" or "--help")
            {
                output.Write(HelpText.Overview(All));
                return 0;
            }

            var command = args[0] == "--version" ? VersionCommand.Definition : Find(args[0]);
            var line = CommandLine.Parse(command, args.AsSpan(1));
            if (line.HelpRequested)
            {
                output.Write(HelpText.For(command));
                return 0;
            }

            return command.Run(line, output, errors);
        }
        catch (UsageException e)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
        catch (DocumentFileException e)
        {
            // -f names something that is not read: a device, a named pipe, a file or input over the size cap.
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>The command named <paramref name="name"/>, or a usage error with the closest name.</summary>
    public static CommandDefinition Find(string name)
    {
        foreach (var command in All)
        {
            if (command.Name == name)
            {
                return command;
            }
        }

        var names = All.Select(static command => command.Name).ToArray();
        var closest = Suggestions.Closest(name, names);
        throw new UsageException("otel-webhook: unknown command '" + name + "'" + (closest is null ? "" : "; did you mean '" + closest + "'?")
            + " (commands: " + string.Join(", ", names) + ")");
    }

    private static int RunHelp(CommandLine line, TextWriter output, TextWriter errors)
    {
        output.Write(line.Arguments.Count == 0 ? HelpText.Overview(All) : HelpText.For(Find(line.Arguments[0])));
        return 0;
    }
}
