using System.Diagnostics;
using Webhook.Commands;

namespace Webhook.Tests.Commands;

/// <summary>
/// The completion scripts against the command table: bash's own completion machinery runs the bash script; the zsh
/// and fish scripts are checked to name every option of every command.
/// </summary>
public sealed class CompletionScriptTests
{
    [Fact]
    public void Bash_EveryCommand_CompletesEveryOptionOfTheTable()
    {
        var words = CommandShell.All.Select(static command => "otel-webhook " + command.Name + " -").ToArray();

        var completions = Complete(words);

        foreach (var (command, offered) in CommandShell.All.Zip(completions))
        {
            var expected = command.AllOptions.SelectMany(static o => o.Alias is { } alias ? new[] { o.Name, alias } : [o.Name]).Order(StringComparer.Ordinal);
            Assert.Equal(expected, offered.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("otel-webhook ", "completion doctor help inject manifests serve validate version --help --version")]
    [InlineData("otel-webhook in", "inject")]
    [InlineData("otel-webhook validate -o ", "text json")]
    [InlineData("otel-webhook inject --output j", "json")]
    [InlineData("otel-webhook serve --log-level ", "debug info warn error")]
    [InlineData("otel-webhook inject --cross-namespace-instrumentations=", "allow deny")]
    [InlineData("otel-webhook completion ", "bash zsh fish --help -h")]
    [InlineData("otel-webhook help ma", "manifests")]
    [InlineData("otel-webhook doctor dep", "deployment/")]
    [InlineData("otel-webhook serve --port ", "")]
    public void Bash_Values_AreTheTablesChoices(string line, string expected)
        => Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            Complete(line)[0].Order(StringComparer.Ordinal));

    [Fact]
    public void Bash_FileOption_CompletesFiles()
    {
        var folder = Directory.CreateTempSubdirectory("completion-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "deploy.yaml"), "");

            Assert.Equal([Path.Combine(folder, "deploy.yaml")], Complete("otel-webhook inject -f " + Path.Combine(folder, "dep"))[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("zsh")]
    [InlineData("fish")]
    public void OtherShells_NameEveryCommandAndEveryOptionOfIt(string shell)
    {
        var script = Script(shell);

        foreach (var command in CommandShell.All)
        {
            var section = shell == "zsh" ? ZshSection(script, command.Name) : FishSection(script, command.Name);
            foreach (var option in command.AllOptions)
            {
                var forms = shell == "zsh"
                    ? new[] { "'" + option.Name + (option.IsSwitch ? "[" : "=[") }.Concat(option.Alias is { } a ? ["'" + a + (option.IsSwitch ? "[" : "+[")] : [])
                    : [" -l " + option.Name[2..] + " "];
                Assert.All(forms, form => Assert.Contains(form, section, StringComparison.Ordinal));
                if (option.Choices is { } choices)
                {
                    Assert.Contains(string.Join(' ', choices), section, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [InlineData("", "otel-webhook completion: name the shell: bash, zsh, fish, e.g. otel-webhook completion bash")]
    [InlineData("powershell", "otel-webhook completion: unknown shell 'powershell'; use one of bash, zsh, fish")]
    [InlineData("bash zsh", "otel-webhook completion: unexpected argument 'zsh'; it takes bash|zsh|fish once")]
    public void Completion_WithoutAKnownShell_ExitsTwo(string arguments, string message)
    {
        var errors = new StringWriter();

        Assert.Equal(2, CommandShell.Run(["completion", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)], new StringWriter(), errors));
        Assert.Equal(message, errors.ToString().TrimEnd());
    }

    private static string Script(string shell)
    {
        var output = new StringWriter();
        Assert.Equal(0, CommandShell.Run(["completion", shell], output, TextWriter.Null));
        return output.ToString();
    }

    private static string ZshSection(string script, string command)
    {
        var start = script.IndexOf("\n    " + command + ")\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "no zsh case for " + command);
        return script[start..script.IndexOf(";;", start, StringComparison.Ordinal)];
    }

    private static string FishSection(string script, string command)
        => string.Join('\n', script.Split('\n').Where(line => line.Contains("'__fish_seen_subcommand_from " + command + "'", StringComparison.Ordinal))) + "\n";

    /// <summary>
    /// Sources the bash script, checks it registered itself with <c>complete</c>, and runs the function bash would run
    /// for each line (the cursor at its end), with the words split as readline splits them. One line of output each.
    /// </summary>
    private static List<string[]> Complete(params string[] lines)
    {
        var folder = Directory.CreateTempSubdirectory("completion-script-").FullName;
        try
        {
            var script = Path.Combine(folder, "otel-webhook.bash");
            File.WriteAllText(script, Script("bash"));
            var driver = "source " + Quote(script) + "\n"
                + "complete -p otel-webhook | grep -q -- '-F _otel_webhook' || { echo 'not registered' >&2; exit 3; }\n"
                + "complete_line() {\n"
                + "    COMP_LINE=\"$1\"; COMP_POINT=${#1}\n"
                + "    read -r -a COMP_WORDS <<< \"${1//=/ = }\"\n"
                + "    [[ \"$1\" == *' ' || \"$1\" == *'=' ]] && COMP_WORDS+=('')\n"
                + "    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()\n"
                + "    _otel_webhook\n"
                + "    echo \"${COMPREPLY[*]}\"\n"
                + "}\n"
                + string.Concat(lines.Select(static line => "complete_line " + Quote(line) + "\n"));
            var start = new ProcessStartInfo("bash", ["--norc", "--noprofile", "-c", driver]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var bash = Process.Start(start)!;
            var output = bash.StandardOutput.ReadToEnd();
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0 && errors.Length == 0, "bash exited " + bash.ExitCode + ": " + errors);
            return output.Split('\n')[..lines.Length].Select(static line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
