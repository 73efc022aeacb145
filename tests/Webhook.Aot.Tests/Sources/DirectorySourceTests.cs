using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Webhook.Instrumentations;
using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>What only the folder source does: kubelet's symlink swap, broken files, kinds it does not read.</summary>
public sealed class DirectorySourceTests
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
    public void Constructor_MissingFolder_ThrowsNamingTheFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "otel-webhook-missing-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => new DirectorySource(folder, ImageDefaults.FromTable, new RecordingLogger<DirectorySource>()));

        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KubeletSwapsDataSymlink_PicksUpTheNewContents()
    {
        await using var harness = new DirectoryHarness();
        MountConfigMapVersion(harness.Folder, "..2024_01_01_00_00_00.1", "http://first:4318");
        File.CreateSymbolicLink(Path.Combine(harness.Folder, "..data"), "..2024_01_01_00_00_00.1");
        File.CreateSymbolicLink(Path.Combine(harness.Folder, "otel.yaml"), Path.Combine("..data", "otel.yaml"));
        harness.Start();
        await Eventually.True(() => Endpoint(harness) == "http://first:4318", "the first ConfigMap version");

        // kubelet's atomic writer: new timestamped folder, new ..data_tmp link, renamed over ..data, old folder removed.
        MountConfigMapVersion(harness.Folder, "..2024_01_01_00_01_00.2", "http://second:4318");
        File.CreateSymbolicLink(Path.Combine(harness.Folder, "..data_tmp"), "..2024_01_01_00_01_00.2");
        Assert.Equal(0, Rename(Path.Combine(harness.Folder, "..data_tmp"), Path.Combine(harness.Folder, "..data")));
        Directory.Delete(Path.Combine(harness.Folder, "..2024_01_01_00_00_00.1"), recursive: true);

        await Eventually.True(() => Endpoint(harness) == "http://second:4318", "the second ConfigMap version");
        Assert.Equal(1, harness.Store.Current.Count);
        Assert.Null(harness.Store.LastProblem);
    }

    [Fact]
    public async Task Run_FileBecomesUnparsable_KeepsItsLastGoodContentsAndReportsFileAndLine()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile("otel.yaml", Instrumentation.Replace("ENDPOINT", "http://good:4318"));
        await harness.PutAsync(TestObjects.Instrumentation("tools", "other", "http://other:4318"));
        harness.Start();
        await Eventually.True(() => Endpoint(harness) == "http://good:4318", "the good version");

        harness.WriteFile("otel.yaml", "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: otel\n  name: again\n");
        await Eventually.True(() => harness.Store.LastProblem?.Contains("otel.yaml:5", StringComparison.Ordinal) == true, "the broken file reported");
        await harness.PutAsync(TestObjects.Instrumentation("tools", "other", "http://changed:4318"));
        await Eventually.True(() => harness.Store.Current.Find("tools", "other")?.Spec?.Exporter?.Endpoint == "http://changed:4318", "the other file's change");

        Assert.Equal("http://good:4318", Endpoint(harness));
        Assert.Contains("otel.yaml:5", harness.Store.LastProblem, StringComparison.Ordinal);
        Assert.True(harness.Log.Has(LogLevel.Warning, 2102, "otel.yaml:5"));

        harness.WriteFile("otel.yaml", Instrumentation.Replace("ENDPOINT", "http://fixed:4318"));
        await Eventually.True(() => Endpoint(harness) == "http://fixed:4318", "the fixed version");
        Assert.Null(harness.Store.LastProblem);
    }

    [Fact]
    public async Task Run_BrokenFileAtStart_ReadyWithoutItAndReported()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile("broken.json", "{\"apiVersion\": ");
        await harness.PutAsync(TestObjects.Instrumentation("tools", "other"));

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(1, harness.Store.Current.Count);
        Assert.Contains("broken.json:", harness.Store.LastProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OtherKinds_SkippedWithDebugLog()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile("bundle.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            ---
            """ + "\n" + Instrumentation.Replace("ENDPOINT", "http://c:4318") + "\n---\n" + """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            """);

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(1, harness.Store.Current.Count);
        Assert.Equal("http://c:4318", Endpoint(harness));
        Assert.True(harness.Log.Has(LogLevel.Debug, 2101, "ConfigMap"));
        Assert.True(harness.Log.Has(LogLevel.Debug, 2101, "Deployment"));
        Assert.Null(harness.Store.LastProblem);
    }

    [Fact]
    public async Task Run_HiddenFilesAndOtherExtensions_NotRead()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile(".hidden.yaml", Instrumentation.Replace("ENDPOINT", "http://hidden:4318"));
        harness.WriteFile("notes.txt", Instrumentation.Replace("ENDPOINT", "http://notes:4318"));
        harness.WriteFile("otel.YML", Instrumentation.Replace("ENDPOINT", "http://yml:4318"));

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(1, harness.Store.Current.Count);
        Assert.Equal("http://yml:4318", Endpoint(harness));
    }

    [Fact]
    public async Task Run_InstrumentationWithoutNamespace_PlacedInDefault()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile("otel.yaml", Instrumentation.Replace("  namespace: shop\n", "").Replace("ENDPOINT", "http://c:4318"));

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.NotNull(harness.Store.Current.Find("default", "otel"));
    }

    [Fact]
    public async Task Run_SameInstrumentationInTwoFiles_FirstFileWinsAndReported()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile("a.yaml", Instrumentation.Replace("ENDPOINT", "http://a:4318"));
        harness.WriteFile("b.yaml", Instrumentation.Replace("ENDPOINT", "http://b:4318"));

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");

        Assert.Equal(1, harness.Store.Current.Count);
        Assert.Equal("http://a:4318", Endpoint(harness));
        Assert.Contains("b.yaml: Instrumentation shop/otel is also defined in a.yaml", harness.Store.LastProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingChanges_PublishesOnlyOnce()
    {
        await using var harness = new DirectoryHarness();
        harness.WriteFile("otel.yaml", Instrumentation.Replace("ENDPOINT", "http://c:4318"));
        var published = 0;
        harness.Store.Published += _ => Interlocked.Increment(ref published);

        harness.Start();
        await Eventually.True(() => harness.Store.IsLoaded, "the first snapshot");
        File.SetLastWriteTimeUtc(Path.Combine(harness.Folder, "otel.yaml"), DateTime.UtcNow.AddMinutes(1));

        // Shown by state: several reads of the folder see the touched file before the marker arrives.
        var polls = harness.Source.Polls;
        await Eventually.True(() => harness.Source.Polls >= polls + 5, "five more reads of the folder");
        await harness.PutAsync(TestObjects.Instrumentation("shop", "marker"));
        await Eventually.True(() => harness.Store.Current.Find("shop", "marker") is not null, "the marker's publish");

        Assert.Equal(2, Volatile.Read(ref published));
    }

    private static string? Endpoint(DirectoryHarness harness) => harness.Store.Current.Find("shop", "otel")?.Spec?.Exporter?.Endpoint;

    private static void MountConfigMapVersion(string folder, string version, string endpoint)
    {
        Directory.CreateDirectory(Path.Combine(folder, version));
        File.WriteAllText(Path.Combine(folder, version, "otel.yaml"), Instrumentation.Replace("ENDPOINT", endpoint));
    }

    // rename(2) replaces the ..data link in one step, as kubelet does; File.Move would look through the link.
    [DllImport("libc", EntryPoint = "rename")]
    private static extern int Rename(string from, string to);
}
