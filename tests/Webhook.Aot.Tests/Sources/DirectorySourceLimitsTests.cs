using Microsoft.Extensions.Logging;
using Webhook.Sources;
using Webhook.Tests.Support;

namespace Webhook.Tests.Sources;

/// <summary>
/// Files the folder source must not be stopped or fooled by: a named pipe, a link to an endless device, a file over
/// the size cap, an alias bomb. Each keeps the last good snapshot, is reported once, and later changes still apply.
/// </summary>
public sealed class DirectorySourceLimitsTests
{
    private const string Instrumentation = """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata:
          name: otel
          namespace: shop
        spec:
          exporter:
            endpoint: ENDPOINT
        """;

    [Fact]
    public async Task Run_FileReplacedByNamedPipe_SkippedOnceAndLaterChangesApply()
    {
        await using var harness = await StartedWithGoodFileAsync();

        var pipe = Path.Combine(harness.Folder, ".pipe");
        HostileFiles.MakeFifo(pipe);
        File.Move(pipe, Path.Combine(harness.Folder, "otel.yaml"), overwrite: true);

        await ExpectSkippedAsync(harness, "otel.yaml", "named pipe");
        await ExpectLaterChangesAppliedAsync(harness);
        Assert.Equal("http://good:4318", Endpoint(harness));
        Assert.Equal(1, SkippedLogLines(harness, "otel.yaml"));
    }

    [Fact]
    public async Task Run_SymlinkToDevZero_SkippedOnceAndLaterChangesApply()
    {
        await using var harness = await StartedWithGoodFileAsync();

        File.CreateSymbolicLink(Path.Combine(harness.Folder, "zero.yaml"), "/dev/zero");

        await ExpectSkippedAsync(harness, "zero.yaml", "character device");
        await ExpectLaterChangesAppliedAsync(harness);
        Assert.Equal("http://good:4318", Endpoint(harness));
        Assert.Equal(1, SkippedLogLines(harness, "zero.yaml"));
    }

    [Fact]
    public async Task Run_FileOverTheSizeCap_SkippedKeepingItsLastGoodContents()
    {
        await using var harness = await StartedWithGoodFileAsync();

        var padding = "# " + new string('x', InstrumentationFolder.MaxFileBytes) + "\n";
        harness.WriteFile("otel.yaml", padding + Instrumentation.Replace("ENDPOINT", "http://big:4318"));

        await ExpectSkippedAsync(harness, "otel.yaml", "MiB");
        await ExpectLaterChangesAppliedAsync(harness);
        Assert.Equal("http://good:4318", Endpoint(harness));
        Assert.Equal(1, SkippedLogLines(harness, "otel.yaml"));

        harness.WriteFile("otel.yaml", Instrumentation.Replace("ENDPOINT", "http://fixed:4318"));
        await Eventually.True(() => Endpoint(harness) == "http://fixed:4318", "the file back under the cap");
        Assert.Null(harness.Store.LastProblem);
    }

    [Fact]
    public async Task Run_AliasBomb_ReportedWithFileAndLineAndLaterChangesApply()
    {
        await using var harness = await StartedWithGoodFileAsync();

        harness.WriteFile("bomb.yaml", HostileFiles.AliasBomb());

        await ExpectSkippedAsync(harness, "bomb.yaml:" + HostileFiles.AliasBombAliasLine, "aliases expand");
        await ExpectLaterChangesAppliedAsync(harness);
        Assert.Equal("http://good:4318", Endpoint(harness));
        Assert.Null(harness.Store.Current.Find("shop", "bomb"));
    }

    [Fact]
    public async Task Run_NamedPipeAtStart_ReadyWithoutIt()
    {
        // Disposing waits (with a deadline) for the source to stop: a read stuck on the pipe fails the test there too.
        await using var harness = new DirectoryHarness();
        HostileFiles.MakeFifo(Path.Combine(harness.Folder, "pipe.yaml"));
        await harness.PutAsync(TestObjects.Instrumentation("tools", "other"));

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(1, harness.Store.Current.Count);
        Assert.Contains("pipe.yaml", harness.Store.LastProblem, StringComparison.Ordinal);
    }

    private static async Task<DirectoryHarness> StartedWithGoodFileAsync()
    {
        var harness = new DirectoryHarness();
        harness.WriteFile("otel.yaml", Instrumentation.Replace("ENDPOINT", "http://good:4318"));
        await harness.PutAsync(TestObjects.Instrumentation("tools", "other", "http://other:4318"));
        harness.Start();
        await Eventually.True(() => Endpoint(harness) == "http://good:4318", "the good version");
        return harness;
    }

    private static async Task ExpectSkippedAsync(DirectoryHarness harness, string location, string problem)
    {
        await Eventually.True(() => harness.Store.LastProblem?.Contains(location, StringComparison.Ordinal) == true, location + " reported");
        Assert.Contains(problem, harness.Store.LastProblem, StringComparison.Ordinal);
        Assert.True(harness.Log.Has(LogLevel.Warning, 2102, location), location + " logged");
    }

    /// <summary>Another file's change still reaches the snapshot: the source kept running past the bad file.</summary>
    private static async Task ExpectLaterChangesAppliedAsync(DirectoryHarness harness)
    {
        await harness.PutAsync(TestObjects.Instrumentation("tools", "other", "http://changed:4318"));
        await Eventually.True(() => harness.Store.Current.Find("tools", "other")?.Spec?.Exporter?.Endpoint == "http://changed:4318",
            "the other file's change");
    }

    private static int SkippedLogLines(DirectoryHarness harness, string name) =>
        harness.Log.Entries.Count(e => e.EventId == 2102 && e.Message.Contains(name, StringComparison.Ordinal));

    private static string? Endpoint(DirectoryHarness harness) => harness.Store.Current.Find("shop", "otel")?.Spec?.Exporter?.Endpoint;
}
