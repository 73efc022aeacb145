namespace Webhook.Commands;

/// <summary>
/// A command: its name, what it does, its options and how it runs. <see cref="Commands"/> lists them all; the
/// parser, the help and the completion scripts read nothing else.
/// </summary>
public sealed record CommandDefinition(string Name, string Summary, IReadOnlyList<CommandOption> Options, CommandDefinition.Runner Run)
{
    public delegate int Runner(CommandLine line, TextWriter output, TextWriter errors);

    /// <summary>What help says after the summary: exit codes, how options combine.</summary>
    public string? Details { get; init; }

    /// <summary>How help names the words that are not options (<c>[KIND/NAME]</c>); null when the command takes none.</summary>
    public string? Arguments { get; init; }

    public int MaxArguments { get; init; }

    /// <summary>The values completion offers for those words (read late: <c>help</c> offers the commands); null when any word goes.</summary>
    public Func<IEnumerable<string>>? ArgumentChoices { get; init; }

    /// <summary>The options with <c>--help</c>, which every command takes.</summary>
    public IEnumerable<CommandOption> AllOptions => Options.Append(CommandOption.Help);

    public CommandOption? Find(string name)
    {
        foreach (var option in AllOptions)
        {
            if (option.IsNamed(name))
            {
                return option;
            }
        }

        return null;
    }
}
