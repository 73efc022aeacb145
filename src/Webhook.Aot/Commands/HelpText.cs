using System.Text;

namespace Webhook.Commands;

/// <summary>The help of <c>otel-webhook</c> and of each command, written from the command table.</summary>
public static class HelpText
{
    public static string Overview(IReadOnlyList<CommandDefinition> commands)
    {
        var text = new StringBuilder("usage: otel-webhook COMMAND [options]\n\ncommands:\n");
        var width = commands.Max(static command => command.Name.Length) + 4;
        foreach (var command in commands)
        {
            text.Append("  ").Append(command.Name.PadRight(width)).Append(command.Summary).Append('\n');
        }

        return text.Append("\notel-webhook COMMAND --help (or otel-webhook help COMMAND) lists the command's options and their defaults;\n")
            .Append("otel-webhook --version prints the version.\n")
            .ToString();
    }

    public static string For(CommandDefinition command)
    {
        var text = new StringBuilder("usage: otel-webhook ").Append(command.Name);
        if (command.Options.Count > 0)
        {
            text.Append(" [options]");
        }

        if (command.Arguments is { } arguments)
        {
            text.Append(' ').Append(arguments);
        }

        text.Append("\n\n").Append(command.Summary).Append('\n');
        if (command.Details is { } details)
        {
            text.Append('\n').Append(details).Append('\n');
        }

        var rows = command.AllOptions.Select(static option => (Left: Left(option), Right: Right(option))).ToList();
        var width = rows.Max(static row => row.Left.Length) + 2;
        text.Append("\noptions:\n");
        foreach (var (left, right) in rows)
        {
            text.Append("  ").Append(left.PadRight(width)).Append(right).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>-f, --filename FILE</c>; a switch shows that it takes <c>=true|false</c>.</summary>
    private static string Left(CommandOption option)
        => (option.Alias is { } alias ? alias + ", " : "    ") + option.Name
            + (option.IsSwitch ? option == CommandOption.Help ? "" : "[=true|false]" : " " + option.ValueName);

    private static string Right(CommandOption option)
        => option.Description
            + (option.Choices is { } choices ? " (" + string.Join(", ", choices) + ")" : "")
            + (option.Default is { } value && option != CommandOption.Help ? " [default: " + value + "]" : "");
}
