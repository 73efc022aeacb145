namespace Webhook.Commands;

/// <summary>
/// One option of a command: the row that parsing, <c>--help</c> and the shell completion scripts all read, so a new
/// option is one line in its command's table.
/// </summary>
public sealed record CommandOption(string Name, string Description)
{
    /// <summary><c>-h</c>, <c>--help</c>: every command takes it.</summary>
    public static readonly CommandOption Help = Switch("--help", "print this help and exit", alias: "-h");

    /// <summary>The short form, e.g. <c>-f</c> for <c>--filename</c>.</summary>
    public string? Alias { get; init; }

    /// <summary>What help calls the value (<c>FILE</c>, <c>NS</c>); null for a switch, given bare or as <c>=true</c>/<c>=false</c>.</summary>
    public string? ValueName { get; init; }

    /// <summary>The value used when the option is left out, as help shows it; null when there is none.</summary>
    public string? Default { get; init; }

    /// <summary>The values the shell completes; null when any value goes.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public bool IsSwitch => ValueName is null;

    /// <summary>Whether the value names a file (<c>FILE</c>) or a folder (<c>DIR</c>), for completion.</summary>
    public bool TakesFile => ValueName is not null && (ValueName.Contains("FILE", StringComparison.Ordinal) || ValueName.Contains("DIR", StringComparison.Ordinal));

    public bool TakesFolderOnly => ValueName == "DIR";

    public static CommandOption Switch(string name, string description, bool defaultValue = false, string? alias = null)
        => new(name, description) { Alias = alias, Default = defaultValue ? "true" : "false" };

    public static CommandOption Value(string name, string valueName, string description, string? defaultValue = null, string? alias = null,
        IReadOnlyList<string>? choices = null)
        => new(name, description) { Alias = alias, ValueName = valueName, Default = defaultValue, Choices = choices };

    public bool IsNamed(string name) => name == Name || name == Alias;
}
