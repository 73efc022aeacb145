namespace Webhook.Tests.Doctor;

/// <summary>docs/doctor.md shows what the command prints: its examples are compared with runs against the test cluster.</summary>
public sealed class DoctorDocsTests
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "doctor.md")).ReplaceLineEndings("\n");

    [Fact]
    public async Task Docs_TextExample_IsTheCommandsOutput()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync();

        Assert.Contains("```text\n" + run.Output.TrimEnd('\n') + "\n```", s_page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_JsonExample_IsTheCommandsOutput()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("statefulset/ledger", "-o", "json");

        Assert.Contains("```json\n" + run.Output.TrimEnd('\n') + "\n```", s_page, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Webhook.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("no Webhook.sln above " + AppContext.BaseDirectory);
    }
}
