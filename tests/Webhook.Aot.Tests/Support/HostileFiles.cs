using System.Diagnostics;
using System.Text;

namespace Webhook.Tests.Support;

/// <summary>
/// Files that cost a naive reader without bound: a named pipe nobody writes to (opening it blocks), a link to an
/// endless device, and YAML whose aliases expand many times over.
/// </summary>
internal static class HostileFiles
{
    /// <summary>The line of <see cref="AliasBomb"/> that holds the aliases.</summary>
    public const int AliasBombAliasLine = 11;

    /// <summary>Creates a named pipe (FIFO) at <paramref name="path"/> with the system's mkfifo.</summary>
    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        var errors = mkfifo.StandardError.ReadToEnd();
        Assert.True(mkfifo.WaitForExit(TimeSpan.FromSeconds(30)), "mkfifo did not finish");
        Assert.True(mkfifo.ExitCode == 0, "mkfifo " + path + ": " + errors);
    }

    /// <summary>
    /// An Instrumentation whose metadata holds a string of <paramref name="blobBytes"/> bytes under an anchor, repeated
    /// by <paramref name="aliases"/> aliases on line <see cref="AliasBombAliasLine"/>: a small file, much more JSON.
    /// </summary>
    public static string AliasBomb(int blobBytes = 1024 * 1024, int aliases = 60)
    {
        var yaml = new StringBuilder(blobBytes + (aliases * 8) + 400);
        yaml.Append("""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: bomb
              namespace: shop
              annotations:
                padding: &blob "
            """);
        yaml.Append('x', blobBytes).Append("\"\n");
        yaml.Append("spec:\n  exporter:\n    endpoint: http://bomb:4318\n");
        yaml.Append("copies: [").AppendJoin(", ", Enumerable.Repeat("*blob", aliases)).Append("]\n");
        return yaml.ToString();
    }

    /// <summary>Runs <paramref name="work"/> on its own thread and fails the test if it has not finished in time, rather than hanging the run.</summary>
    public static T Within<T>(TimeSpan limit, Func<T> work, string what)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(limit), what + " did not finish within " + limit.TotalSeconds + " s");
        return task.Result;
    }
}
