using System.Text;

namespace Webhook.Commands;

/// <summary>
/// Shell completion for bash, zsh and fish, written from the command table: the commands, each command's options,
/// the values of options that take one of a few, files and folders for <c>FILE</c> and <c>DIR</c>.
/// </summary>
public static class CompletionScript
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish"];

    public static string For(string shell, IReadOnlyList<CommandDefinition> commands) => shell switch
    {
        "bash" => Bash(commands),
        "zsh" => Zsh(commands),
        "fish" => Fish(commands),
        _ => throw new UsageException("otel-webhook completion: unknown shell '" + shell + "'; use one of " + string.Join(", ", Shells)),
    };

    private static IEnumerable<string> Names(CommandOption option) => option.Alias is { } alias ? [alias, option.Name] : [option.Name];

    private static string Bash(IReadOnlyList<CommandDefinition> commands)
    {
        var text = new StringBuilder();
        text.Append("# otel-webhook completion for bash: source <(otel-webhook completion bash)\n")
            .Append("_otel_webhook() {\n")
            .Append("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n")
            .Append("    if [[ \"$prev\" == \"=\" && $COMP_CWORD -ge 2 ]]; then prev=\"${COMP_WORDS[COMP_CWORD-2]}\"; elif [[ \"$cur\" == \"=\" ]]; then cur=\"\"; fi\n")
            .Append("    if [[ $COMP_CWORD -eq 1 ]]; then\n")
            .Append("        COMPREPLY=($(compgen -W \"").Append(string.Join(' ', commands.Select(static c => c.Name))).Append(" --help --version\" -- \"$cur\"))\n")
            .Append("        return\n")
            .Append("    fi\n")
            .Append("    case \"${COMP_WORDS[1]}\" in\n");
        foreach (var command in commands)
        {
            text.Append("    ").Append(command.Name).Append(")\n");
            text.Append("        case \"$prev\" in\n");
            foreach (var option in command.AllOptions.Where(static o => !o.IsSwitch))
            {
                text.Append("        ").Append(string.Join('|', Names(option))).Append(") ");
                text.Append(option.Choices is { } choices ? "COMPREPLY=($(compgen -W \"" + string.Join(' ', choices) + "\" -- \"$cur\"))"
                    : option.TakesFolderOnly ? "COMPREPLY=($(compgen -d -- \"$cur\"))"
                    : option.TakesFile ? "COMPREPLY=($(compgen -f -- \"$cur\"))"
                    : "COMPREPLY=()");
                text.Append("; return ;;\n");
            }

            text.Append("        esac\n");
            var words = command.AllOptions.SelectMany(Names).Concat(command.ArgumentChoices?.Invoke() ?? []);
            text.Append("        COMPREPLY=($(compgen -W \"").Append(string.Join(' ', words)).Append("\" -- \"$cur\")) ;;\n");
        }

        return text.Append("    esac\n}\ncomplete -F _otel_webhook otel-webhook\n").ToString();
    }

    private static string Zsh(IReadOnlyList<CommandDefinition> commands)
    {
        var text = new StringBuilder();
        text.Append("#compdef otel-webhook\n# otel-webhook completion for zsh: source <(otel-webhook completion zsh)\n")
            .Append("_otel_webhook() {\n")
            .Append("    if (( CURRENT == 2 )); then\n")
            .Append("        local -a commands=(\n");
        foreach (var command in commands)
        {
            text.Append("            '").Append(command.Name).Append(':').Append(ZshText(command.Summary)).Append("'\n");
        }

        // _arguments reads words[1] as the command it completes for: drop otel-webhook so that it is the subcommand,
        // else the subcommand counts as an unexpected argument and no option completes.
        text.Append("        )\n        _describe 'command' commands\n        return\n    fi\n")
            .Append("    local command=$words[2]\n    shift words\n    (( CURRENT-- ))\n")
            .Append("    case $command in\n");
        foreach (var command in commands)
        {
            text.Append("    ").Append(command.Name).Append(")\n        _arguments -s");
            foreach (var option in command.AllOptions)
            {
                foreach (var name in Names(option))
                {
                    text.Append(" \\\n            '").Append(name).Append(option.IsSwitch ? "" : name.StartsWith("--", StringComparison.Ordinal) ? "=" : "+")
                        .Append('[').Append(ZshText(option.Description)).Append(']');
                    if (!option.IsSwitch)
                    {
                        text.Append(':').Append(option.ValueName!.ToLowerInvariant().Replace(':', ' ')).Append(':')
                            .Append(option.Choices is { } choices ? "(" + string.Join(' ', choices) + ")" : option.TakesFolderOnly ? "_files -/" : option.TakesFile ? "_files" : " ");
                    }

                    text.Append('\'');
                }
            }

            if (command.ArgumentChoices?.Invoke() is { } words)
            {
                text.Append(" \\\n            '*:").Append(command.Arguments!.Trim('[', ']').ToLowerInvariant()).Append(":(").Append(string.Join(' ', words)).Append(")'");
            }

            text.Append(" ;;\n");
        }

        // Autoloaded from $fpath as _otel-webhook, the file is that function's body: it completes at once, or the first
        // TAB would only define _otel_webhook. Sourced, it registers the function.
        return text.Append("    esac\n}\n")
            .Append("if [[ $funcstack[1] == _otel-webhook ]]; then\n    _otel_webhook \"$@\"\nelse\n    compdef _otel_webhook otel-webhook\nfi\n").ToString();
    }

    /// <summary>Text inside a single-quoted zsh word and an _arguments description: no quote, bracket or colon.</summary>
    private static string ZshText(string text) => text.Replace("'", "", StringComparison.Ordinal).Replace("[", "(", StringComparison.Ordinal)
        .Replace("]", ")", StringComparison.Ordinal).Replace(":", " -", StringComparison.Ordinal);

    private static string Fish(IReadOnlyList<CommandDefinition> commands)
    {
        var text = new StringBuilder("# otel-webhook completion for fish: otel-webhook completion fish | source\n")
            .Append("complete -c otel-webhook -f\n")
            .Append("complete -c otel-webhook -n __fish_use_subcommand -l help -d 'print the help'\n")
            .Append("complete -c otel-webhook -n __fish_use_subcommand -l version -d 'print the version'\n");
        foreach (var command in commands)
        {
            text.Append("complete -c otel-webhook -n __fish_use_subcommand -a ").Append(command.Name).Append(" -d ").Append(FishText(command.Summary)).Append('\n');
        }

        foreach (var command in commands)
        {
            var when = " -n '__fish_seen_subcommand_from " + command.Name + "'";
            foreach (var option in command.AllOptions)
            {
                text.Append("complete -c otel-webhook").Append(when);
                if (option.Alias is { } alias)
                {
                    text.Append(" -s ").Append(alias[1..]);
                }

                text.Append(" -l ").Append(option.Name[2..]);
                if (!option.IsSwitch)
                {
                    text.Append(option.Choices is { } choices ? " -x -a " + FishText(string.Join(' ', choices)) : option.TakesFile ? " -r -F" : " -x");
                }

                text.Append(" -d ").Append(FishText(option.Description)).Append('\n');
            }

            if (command.ArgumentChoices?.Invoke() is { } words)
            {
                text.Append("complete -c otel-webhook").Append(when).Append(" -a ").Append(FishText(string.Join(' ', words))).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string FishText(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
