using System.Text;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Text;
using Webhook.Tests.HotPath;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// A pod's env entries keep their names and values as the request's bytes: found by name and decoded on request as
/// the strings they spell, escapes and non-ASCII text included, without a string per entry when only names are compared.
/// </summary>
public sealed class PodEnvTests
{
    [Fact]
    public void Read_EnvAsWritten_NamesAndValuesAreTheTextTheySpell()
    {
        var env = ReadEnv("""
            {"name":"PLAIN","value":"v 1"},
            {"name":"ÉTÉ","value":"été"},
            {"name":"JAVA\u005fTOOL_OPTIONS","value":"-a\u0020-b"},
            {"name":"EMOJI_😀","value":""},
            {"name":5,"value":7},
            {"name":"FROM","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
            {"name":"FIRST","name":"LAST","value":"1","value":null}
            """);

        Assert.Equal(["PLAIN", "ÉTÉ", "JAVA_TOOL_OPTIONS", "EMOJI_😀", "", "FROM", "LAST"], env.Select(e => e.Name));
        Assert.Equal(["v 1", "été", "-a -b", "", null, null, null], env.Select(e => e.Value));
        Assert.Equal([false, false, false, false, false, true, false], env.Select(e => e.HasValueFrom));
    }

    [Theory]
    [InlineData("PLAIN", 0)]
    [InlineData("ÉTÉ", 1)]
    [InlineData("JAVA_TOOL_OPTIONS", 2)]
    [InlineData("EMOJI_😀", 3)]
    [InlineData("", 4)]
    [InlineData("LAST", 6)]
    [InlineData("ETE", -1)]
    [InlineData("PLAI", -1)]
    [InlineData("PLAINS", -1)]
    [InlineData("FIRST", -1)]
    [InlineData("EMOJI_😁", -1)]
    public void IndexOf_PodEntries_ComparesTheNameAsWritten(string name, int expected)
    {
        var env = ReadEnv("""
            {"name":"PLAIN","value":"v"},
            {"name":"ÉTÉ"},
            {"name":"JAVA\u005fTOOL_OPTIONS"},
            {"name":"EMOJI_😀"},
            {"name":null},
            {"name":"FROM","valueFrom":{}},
            {"name":"FIRST","name":"LAST"}
            """);

        Assert.Equal(expected, EnvList.IndexOf(env, name));
    }

    [Fact]
    public void WithValue_PodEntry_KeepsItsNameAndTakesTheNewValue()
    {
        var entry = ReadEnv("""{"name":"JAVA_TOOL_OPTIONS","value":"-Xmx1g"}""")[0];

        var changed = entry.WithValue("-Xmx1g -javaagent:/a.jar");

        Assert.True(changed.IsModified);
        Assert.True(changed.NameIs("JAVA_TOOL_OPTIONS"));
        Assert.Equal("-Xmx1g -javaagent:/a.jar", changed.Value);
        Assert.Equal("-Xmx1g", entry.Value);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("é", "é", true)]
    [InlineData("é", "e", false)]
    [InlineData("e", "é", false)]
    [InlineData("x😀", "x😀", true)]
    [InlineData("x😀", "x😁", false)]
    [InlineData("", "", true)]
    [InlineData("a", "", false)]
    public void Equals_Utf8AgainstText_AsTheirTextsCompare(string utf8, string text, bool expected)
        => Assert.Equal(expected, Utf8Text.Equals(Encoding.UTF8.GetBytes(utf8), text));

    [Fact]
    public void Read_ThousandEntriesNeverSeenBefore_NoStringPerEntry()
    {
        var pod = new PodView();
        PodReader.Read(Pod(Entries(1000, "warm")), pod);
        var unseen = Pod(Entries(1000, Guid.NewGuid().ToString("N")));

        var allocated = AllocationRounds.Fewest(1, () => PodReader.Read(unseen, pod));

        // A string for each name and value would be about 1000 × 2 × 80 bytes.
        Assert.True(allocated < 16 * 1024, "reading 1,000 new env entries allocated " + allocated + " bytes");
        Assert.Equal(999, EnvList.IndexOf(pod.Containers[0].Env, pod.Containers[0].Env[999].Name));
    }

    [Fact]
    public void Read_NonAsciiEntriesAmongLongAsciiRuns_NamesAndValuesAsWritten()
    {
        // Runs of ASCII longer than one search for their end, broken by entries that are not ASCII.
        var env = ReadEnv(Entries(120, "a") + """,{"name":"ÉTÉ","value":"été"},""" + Entries(120, "b") + """,{"name":"B_0","value":"ü"}""");

        Assert.Equal(242, env.Count);
        Assert.Equal(120, EnvList.IndexOf(env, "ÉTÉ"));
        Assert.Equal("été", env[120].Value);
        Assert.Equal(121, EnvList.IndexOf(env, "VAR_b_0"));
        Assert.Equal("value-b-119", env[240].Value);
        Assert.Equal(241, EnvList.IndexOf(env, "B_0"));
        Assert.Equal("ü", env[241].Value);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => "VAR_a_" + i), env.Take(120).Select(e => e.Name));
    }

    [Fact]
    public void Read_TextNotUtf8PastALongAsciiRun_RefusedNamingTheEntry()
    {
        var json = Encoding.UTF8.GetString(Pod(Entries(150, "a") + """,{"name":"BAD","value":"@"},""" + Entries(10, "b")));
        var bytes = Encoding.UTF8.GetBytes(json).SelectMany(b => b == (byte)'@' ? new byte[] { 0xC3, 0x28 } : [b]).ToArray();

        var error = Assert.Throws<PodFormatException>(() => PodReader.Read(bytes));

        Assert.StartsWith("spec.containers[0].env[150]: holds text that is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    private static string Entries(int count, string tag)
        => string.Join(",", Enumerable.Range(0, count).Select(i => "{\"name\":\"VAR_" + tag + "_" + i + "\",\"value\":\"value-" + tag + "-" + i + "\"}"));

    private static byte[] Pod(string env) => Encoding.UTF8.GetBytes("""{"spec":{"containers":[{"name":"app","env":[""" + env + "]}]}}");

    private static List<EnvEntry> ReadEnv(string entries) => PodReader.Read(Pod(entries)).Containers[0].Env;
}
