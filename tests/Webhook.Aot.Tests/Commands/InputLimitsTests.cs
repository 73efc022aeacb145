using Webhook.Commands;
using Webhook.Tests.Offline;
using Webhook.Tests.Support;
using static Webhook.Tests.Offline.PodSpecs;

namespace Webhook.Tests.Commands;

/// <summary>
/// validate and inject against input that costs a naive reader without bound: each gets a clear error naming the
/// file and exit code 1 (or, in the --instrumentations folder, the file skipped), never a hang or an abort.
/// </summary>
public sealed class InputLimitsTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("validate")]
    [InlineData("inject")]
    public void Run_AliasBomb_ExitsOneNamingFileAndLine(string command)
    {
        var path = _files.Write("bomb.yaml", HostileFiles.AliasBomb());

        var run = Run(command, "-f", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(path + ": document 1, line " + HostileFiles.AliasBombAliasLine + ": aliases expand to more than", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DevZero_ExitsOneSayingItIsNotARegularFile()
    {
        var run = Run("validate", "-f", "/dev/zero");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/dev/zero: is a character device, not a regular file", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamedPipe_ExitsOneWithoutWaitingForAWriter()
    {
        var path = Path.Combine(_files.Folder, "pipe.yaml");
        HostileFiles.MakeFifo(path);

        var run = Run("validate", "-f", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(path + ": is a named pipe (FIFO), not a regular file", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FileOverTheSizeCap_ExitsOneNamingTheCap()
    {
        var path = _files.Write("big.yaml", "# " + new string('x', InputFile.MaxBytes) + "\n" + InjectFixture.Instrumentation("otel", "shop"));

        var run = Run("validate", "-f", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(path + ": is ", run.Errors, StringComparison.Ordinal);
        Assert.Contains("32 MiB", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_NamedPipeInTheInstrumentationsFolder_SkippedAndTheRestUsed()
    {
        _files.Write("otel/instrumentation.yaml", InjectFixture.Instrumentation("otel", "demo"));
        var pipe = Path.Combine(_files.Folder, "otel", "pipe.yaml");
        HostileFiles.MakeFifo(pipe);
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = Run("inject", "-f", input, "--instrumentations", Path.Combine(_files.Folder, "otel"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(pipe + ": is a named pipe (FIFO), not a regular file; file skipped", run.Errors, StringComparison.Ordinal);
        Assert.True(IsJavaInjected(PodSpecs.At(run.Document(0), "spec", "template", "spec")), run.Errors);
    }

    private static InjectRun Run(params string[] arguments) => HostileFiles.Within(Limit, () =>
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandShell.Run(arguments, output, errors);
        return new InjectRun(exitCode, output.ToString(), errors.ToString());
    }, "otel-webhook " + string.Join(' ', arguments));
}
