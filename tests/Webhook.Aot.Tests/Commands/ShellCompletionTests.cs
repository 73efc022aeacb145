using System.Diagnostics;
using Webhook.Commands;
using Webhook.Tests.Support;

namespace Webhook.Tests.Commands;

/// <summary>
/// <c>otel-webhook completion bash|zsh|fish</c> run by the real shells: bash and zsh interactively on a terminal
/// (<c>script</c> gives them one), with their own completion system (zsh's compinit), a TAB typed after each line and
/// the line read back once the shell has completed it; fish answers <c>complete -C</c>, its own query of what TAB
/// offers. Outside CI a shell that is not installed skips its test; in CI it fails.
/// </summary>
public sealed class ShellCompletionTests : IDisposable
{
    /// <summary>A line typed, and the word TAB turns its last word into: a command, an option of each command, a value.</summary>
    private static readonly (string Line, string Word)[] s_cases =
    [
        ("otel-webhook in", "inject"),
        ("otel-webhook help ma", "manifests"),
        ("otel-webhook completion f", "fish"),
        ("otel-webhook inject --exp", "--explain"),
        ("otel-webhook validate --out", "--output"),
        ("otel-webhook validate -o j", "json"),
        ("otel-webhook serve --log-f", "--log-format"),
        ("otel-webhook manifests --coll", "--collector"),
        ("otel-webhook doctor --all", "--all-namespaces"),
    ];

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("shell-completion-").FullName;

    [ToolFact("bsdutils", "bash", "script")]
    public void Bash_Tab_CompletesCommandsOptionsAndValues()
    {
        var driver = "source " + Quote(Script("bash")) + "\n"
            + "unset HISTFILE\n"
            + "__buffer() { printf '%s\\n' \"$READLINE_LINE\" >> " + Quote(BuffersFile) + "; READLINE_LINE=; READLINE_POINT=0; }\n"
            + "bind -x '\"\\C-b\": __buffer'\n";

        AssertCompletedLines(Interactive("bash --norc --noprofile -i", driver));
    }

    [ToolFact("zsh", "zsh", "script")]
    public void Zsh_Sourced_TabCompletesCommandsOptionsAndValues()
    {
        var driver = "autoload -Uz compinit && compinit -u -D\n"
            + "source " + Quote(Script("zsh")) + "\n"
            + ZshBufferBinding;

        AssertCompletedLines(Interactive("zsh -f -i", driver));
    }

    /// <summary>Saved as <c>_otel-webhook</c> in a folder of <c>$fpath</c>, as docs/cli.md says: the first TAB already completes.</summary>
    [ToolFact("zsh", "zsh", "script")]
    public void Zsh_AutoloadedFromFpath_TabCompletesFromTheFirstTab()
    {
        var functions = Directory.CreateDirectory(Path.Combine(_folder, "functions")).FullName;
        File.Move(Script("zsh"), Path.Combine(functions, "_otel-webhook"));
        var driver = "fpath=(" + Quote(functions) + " $fpath)\n"
            + "autoload -Uz compinit && compinit -u -D\n"
            + ZshBufferBinding;

        AssertCompletedLines(Interactive("zsh -f -i", driver));
    }

    [ToolFact("fish", "fish")]
    public void Fish_CompleteQuery_OffersTheOneWordForEachLine()
    {
        var queries = string.Concat(s_cases.Select(static c => "complete -C " + Quote(c.Line) + "; echo '::end'\n"));

        var answers = Run(InstalledTool.Require("fish", "fish"), ["--no-config", "-c", "source " + Quote(Script("fish")) + "\n" + queries]).Split("::end\n");

        foreach (var ((line, word), answer) in s_cases.Zip(answers))
        {
            var offered = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static o => o.Split('\t')[0]).ToList();
            Assert.True(offered.SequenceEqual([word]), "fish offers [" + string.Join(", ", offered) + "] for '" + line + "', not " + word);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string BuffersFile => Path.Combine(_folder, "buffers");

    private string ZshBufferBinding => "__buffer() { print -r -- \"$BUFFER\" >> " + Quote(BuffersFile) + "; BUFFER=; }\n"
        + "zle -N __buffer\n"
        + "bindkey '^B' __buffer\n";

    /// <summary>Each line after TAB is the line with its last word completed (followed by a space, or by = before a value).</summary>
    private static void AssertCompletedLines(IReadOnlyList<string> buffers)
    {
        Assert.Equal(s_cases.Length, buffers.Count);
        foreach (var ((line, word), buffer) in s_cases.Zip(buffers))
        {
            Assert.Equal(line[..(line.LastIndexOf(' ') + 1)] + word, buffer.TrimEnd(' ').TrimEnd('='));
        }
    }

    private string Script(string shell)
    {
        var output = new StringWriter();
        Assert.Equal(0, CommandShell.Run(["completion", shell], output, TextWriter.Null));
        var path = Path.Combine(_folder, "otel-webhook." + shell);
        File.WriteAllText(path, output.ToString());
        return path;
    }

    /// <summary>
    /// Starts the shell on a terminal, has it source <paramref name="driver"/> (which binds Ctrl-B to append the line
    /// being edited to the buffers file and clear it), waits until it has, then types each line, TAB and Ctrl-B, and
    /// returns the buffers file once it has a line per case.
    /// </summary>
    private List<string> Interactive(string shell, string driver)
    {
        var ready = Path.Combine(_folder, "ready");
        var driverFile = Path.Combine(_folder, "driver.sh");
        File.WriteAllText(driverFile, driver + "PS1='$ '\ntouch " + Quote(ready) + "\n");
        var start = new ProcessStartInfo(InstalledTool.Require("script", "bsdutils"), ["-qfec", shell, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TERM"] = "xterm";
        start.Environment["HOME"] = _folder;
        using var process = Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write("source " + Quote(driverFile) + "\n");
            process.StandardInput.Flush();
            WaitFor(() => File.Exists(ready), shell + " to source the completion script", process, screen);
            foreach (var (line, _) in s_cases)
            {
                process.StandardInput.Write(line + "\t\u0002");
            }

            process.StandardInput.Flush();
            WaitFor(() => File.Exists(BuffersFile) && File.ReadAllLines(BuffersFile).Length >= s_cases.Length, shell + " to complete every line", process, screen);
            process.StandardInput.Write("exit\n");
            process.StandardInput.Close();
            if (!process.WaitForExit(s_deadline))
            {
                process.Kill(entireProcessTree: true);
            }

            return File.ReadAllLines(BuffersFile).ToList();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static void WaitFor(Func<bool> condition, string what, Process process, Task<string> screen)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > s_deadline || process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail("waited " + (int)clock.Elapsed.TotalSeconds + " s for " + what + "; the terminal showed:\n" + screen.Result);
            }

            Thread.Sleep(20);
        }
    }

    private static string Run(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_deadline))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(program + " did not finish within " + s_deadline.TotalSeconds + " s");
        }

        Assert.True(process.ExitCode == 0 && errors.Result.Length == 0, program + " exited " + process.ExitCode + ": " + errors.Result);
        return output.Result;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
