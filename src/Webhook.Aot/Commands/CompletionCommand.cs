namespace Webhook.Commands;

/// <summary><c>otel-webhook completion bash|zsh|fish</c>: the shell's completion script on standard output.</summary>
public static class CompletionCommand
{
    public const string Name = "completion";

    public static readonly CommandDefinition Definition = new(Name, "print the shell completion script for bash, zsh or fish", [], Run)
    {
        Arguments = "bash|zsh|fish",
        MaxArguments = 1,
        ArgumentChoices = static () => CompletionScript.Shells,
        Details = """
            bash: source <(otel-webhook completion bash)   (or save it in /etc/bash_completion.d/otel-webhook)
            zsh:  source <(otel-webhook completion zsh)    (or save it as _otel-webhook in a folder of $fpath)
            fish: otel-webhook completion fish > ~/.config/fish/completions/otel-webhook.fish
            """,
    };

    private static int Run(CommandLine line, TextWriter output, TextWriter errors)
    {
        if (line.Arguments.Count == 0)
        {
            throw new UsageException("otel-webhook " + Name + ": name the shell: " + string.Join(", ", CompletionScript.Shells) + ", e.g. otel-webhook completion bash");
        }

        output.Write(CompletionScript.For(line.Arguments[0], CommandShell.All));
        return 0;
    }
}
