namespace Webhook.Tests.Reliability;

/// <summary>Replays every input in tests/testdata/regressions through the admission properties.</summary>
public sealed class RegressionReplayTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "regressions");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.input").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Replay_SavedInput_AnsweredWithoutBreakingAProperty(string file)
    {
        var trial = FuzzInput.Run(File.ReadAllBytes(Path.Combine(Folder, file)));

        Assert.Contains(trial.HttpStatus, new[] { 200, 400 });
    }
}
