using Webhook.Tests.Support;

namespace Webhook.Tests.Doctor;

/// <summary>docs/doctor.md shows what the command prints: its examples are compared with runs against the test cluster.</summary>
public sealed class DoctorDocsTests
{
    private static readonly string s_page = File.ReadAllText(RepositoryFolder.PathOf("docs", "doctor.md")).ReplaceLineEndings("\n");

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
}
