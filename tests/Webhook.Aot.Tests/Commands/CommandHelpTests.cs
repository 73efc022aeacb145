using System.Text.RegularExpressions;
using Webhook.Commands;
using Webhook.Tests.Offline;

namespace Webhook.Tests.Commands;

/// <summary>
/// Help, version and usage mistakes for every command of the table: what people type first (<c>--help</c>, a typo)
/// gets an answer on the right stream with the right exit code.
/// </summary>
public sealed class CommandHelpTests
{
    public static TheoryData<string> CommandNames => new(CommandShell.All.Select(static command => command.Name));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_EveryCommand_ListsEveryOptionWithItsDefaultOnStandardOutput(string name)
    {
        var command = CommandShell.Find(name);
        var help = Run(name, "--help");

        Assert.Equal((0, ""), (help.ExitCode, help.Errors));
        Assert.StartsWith("usage: otel-webhook " + name, help.Output, StringComparison.Ordinal);
        foreach (var option in command.AllOptions)
        {
            var row = Assert.Single(help.Output.Split('\n'), line => Regex.IsMatch(line, @"^  (-\w, |    )" + Regex.Escape(option.Name) + @"[ \[]"));
            Assert.Contains(option.Description, row, StringComparison.Ordinal);
            if (option.Alias is { } alias)
            {
                Assert.StartsWith("  " + alias + ", ", row, StringComparison.Ordinal);
            }

            if (option.Default is { } value && option != CommandOption.Help)
            {
                Assert.EndsWith("[default: " + value + "]", row, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_ShortFlagAndHelpCommand_PrintTheSameHelp(string name)
    {
        var expected = Run(name, "--help").Output;

        Assert.Equal(new InjectRun(0, expected, ""), Run(name, "-h"));
        Assert.Equal(new InjectRun(0, expected, ""), Run("help", name));
    }

    [Fact]
    public void Help_AfterOtherOptions_StillHelpsWithoutRunning()
    {
        var help = Run("inject", "--namespace", "shop", "--explain", "-h");

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage: otel-webhook inject [options]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_EveryOptionItLists_IsAcceptedByTheParser()
    {
        foreach (var command in CommandShell.All)
        {
            var listed = Regex.Matches(Run(command.Name, "--help").Output, @"^  (?:(-\w), |    )(--[\w-]+)(?:\[=true\|false\]| (\S+))?", RegexOptions.Multiline);
            Assert.Equal(command.AllOptions.Count(), listed.Count);
            foreach (Match row in listed)
            {
                var value = row.Groups[3].Success ? "x" : null;
                foreach (var name in new[] { row.Groups[1].Value, row.Groups[2].Value }.Where(static n => n.Length > 0))
                {
                    var line = global::Webhook.Commands.CommandLine.Parse(command, value is null ? [name] : [name, value]);
                    Assert.True(line.Has(name) || line.HelpRequested, command.Name + " " + name);
                }
            }
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_TopLevel_ListsEveryCommandAndExitsZero(string argument)
    {
        var help = Run(argument);

        Assert.Equal((0, ""), (help.ExitCode, help.Errors));
        Assert.All(CommandShell.All, command => Assert.Matches(@"\n  " + command.Name + " +" + Regex.Escape(command.Summary) + "\n", help.Output));
    }

    [Fact]
    public void NoCommand_PrintsTheOverviewOnStandardErrorAndExitsTwo()
    {
        var run = Run();

        Assert.Equal((2, ""), (run.ExitCode, run.Output));
        Assert.Equal(Run("--help").Output, run.Errors);
    }

    [Fact]
    public void VersionFlag_PrintsWhatTheVersionCommandPrints()
    {
        var version = Run("version");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("otel-webhook ", version.Output, StringComparison.Ordinal);
        Assert.Equal(version, Run("--version"));
    }

    [Theory]
    [InlineData("inject --explian", "otel-webhook inject: unknown option '--explian'; did you mean '--explain'?")]
    [InlineData("serve --prot 9443", "otel-webhook serve: unknown option '--prot'; did you mean '--port'?")]
    [InlineData("manifests --certmanager", "otel-webhook manifests: unknown option '--certmanager'; did you mean '--cert-manager'?")]
    [InlineData("inject --enable-pyhton-instrumentation", "otel-webhook inject: unknown option '--enable-pyhton-instrumentation'; did you mean '--enable-python-instrumentation'?")]
    [InlineData("doctor --namspace shop", "otel-webhook doctor: unknown option '--namspace'; did you mean '--namespace'?")]
    [InlineData("injct -f x", "otel-webhook: unknown command 'injct'; did you mean 'inject'?")]
    [InlineData("help valdate", "otel-webhook: unknown command 'valdate'; did you mean 'validate'?")]
    public void UnknownName_ExitsTwoSuggestingTheClosest(string arguments, string message)
    {
        var run = Run(arguments.Split(' '));

        Assert.Equal((2, ""), (run.ExitCode, run.Output));
        Assert.StartsWith(message, run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inject --zzzzzzzz", "otel-webhook inject: unknown option '--zzzzzzzz' (otel-webhook help inject lists the options)")]
    [InlineData("frobnicate", "otel-webhook: unknown command 'frobnicate' (commands: serve, validate, inject, manifests, doctor, version, completion, help)")]
    public void UnknownName_NothingClose_SuggestsNothing(string arguments, string message)
        => Assert.Equal(message + "\n", Run(arguments.Split(' ')).Errors.ReplaceLineEndings("\n"));

    [Theory]
    [InlineData("--all-namespaces", true)]
    [InlineData("--all-namespaces=true", true)]
    [InlineData("--all-namespaces=false", false)]
    [InlineData("-A", true)]
    [InlineData("", false)]
    public void Switch_BareOrWithTrueOrFalse_ReadsAsTheOperatorsFlags(string argument, bool expected)
    {
        var line = global::Webhook.Commands.CommandLine.Parse(DoctorCommand.Definition, argument.Length == 0 ? [] : [argument]);

        Assert.Equal(expected, line.Switch("-A", whenAbsent: false));
    }

    [Fact]
    public void Switch_ExplainFalse_ExplainsNothing()
    {
        using var files = new InjectFixture();
        var input = files.Write("app.yaml", InjectFixture.Instrumentation("otel", null), InjectFixture.Deployment("shop", null));

        var plain = InjectFixture.Run("-f", input);
        var explained = InjectFixture.Run("-f", input, "--explain=true");

        Assert.Equal(plain, InjectFixture.Run("-f", input, "--explain=false"));
        Assert.NotEqual(plain.Errors, explained.Errors);
        Assert.Equal(explained, InjectFixture.Run("-f", input, "--explain"));
    }

    [Fact]
    public void Switch_ValueAfterASpace_SaysToJoinItWithEquals()
    {
        var run = Run("manifests", "--cert-manager", "false");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("otel-webhook manifests: unexpected argument 'false'; a switch takes its value after '=': --cert-manager=false", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_NoCommandHasTwoOptionsOfOneName()
    {
        foreach (var command in CommandShell.All)
        {
            var names = command.AllOptions.SelectMany(static o => o.Alias is { } alias ? new[] { o.Name, alias } : [o.Name]).ToList();
            Assert.True(names.Count == names.Distinct(StringComparer.Ordinal).Count(), command.Name + " lists an option twice: " + string.Join(", ", names));
        }
    }

    [Fact]
    public void Value_OptionTheTableDoesNotList_IsTheCommandsMistake()
    {
        var line = global::Webhook.Commands.CommandLine.Parse(ValidateCommand.Definition, []);

        Assert.Throws<InvalidOperationException>(() => { _ = line.Value("--namespace"); });
    }

    private static InjectRun Run(params string[] arguments) => InjectFixture.Shell(arguments);
}
