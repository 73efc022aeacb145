using Webhook.Injection;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Table;

namespace Webhook.Tests.Injection.Units;

/// <summary>The env merge rules of the injection table (shared spec §7.1, §8; docs/languages-table.md).</summary>
public sealed class EnvListTests
{
    [Fact]
    public void Find_DuplicateNames_ReturnsTheFirst()
    {
        var env = List(("A", "1"), ("B", "2"), ("A", "3"));
        Assert.Equal("1", EnvList.Find(env, "A")?.Value);
    }

    [Fact]
    public void FindLast_DuplicateNames_ReturnsTheLast()
    {
        var env = List(("A", "1"), ("B", "2"), ("A", "3"));
        Assert.Equal("3", EnvList.FindLast(env, "A")?.Value);
    }

    [Fact]
    public void MoveLastToEnd_DuplicateNames_MovesOnlyTheLast()
    {
        var env = List(("R", "first"), ("R", "second"), ("C", "3"));
        EnvList.MoveLastToEnd(env, "R");
        Assert.Equal(["R=first", "C=3", "R=second"], Texts(env));
    }

    [Fact]
    public void MoveLastToEnd_AlreadyLast_KeepsTheOrder()
    {
        var env = List(("R", "first"), ("C", "3"), ("R", "second"));
        EnvList.MoveLastToEnd(env, "R");
        Assert.Equal(["R=first", "C=3", "R=second"], Texts(env));
    }

    [Fact]
    public void Find_NamesAreCaseSensitive() => Assert.Null(EnvList.Find(List(("path", "x")), "PATH"));

    [Fact]
    public void AppendIfAbsent_Present_LeavesListUnchanged()
    {
        var env = List(("A", "1"));
        Assert.False(EnvList.AppendIfAbsent(env, EnvEntry.Literal("A", "2")));
        Assert.Equal(["A=1"], Texts(env));
    }

    [Fact]
    public void AppendIfAbsent_PresentWithValueFrom_CountsAsPresent()
    {
        var env = new List<EnvEntry> { EnvEntry.FieldRef("A", "metadata.name") };
        Assert.False(EnvList.AppendIfAbsent(env, EnvEntry.Literal("A", "x")));
        Assert.Single(env);
    }

    [Fact]
    public void PrependIfAbsent_Absent_InsertsFirst()
    {
        var env = List(("A", "1"));
        Assert.True(EnvList.PrependIfAbsent(env, EnvEntry.Literal("Z", "0")));
        Assert.Equal(["Z=0", "A=1"], Texts(env));
    }

    [Fact]
    public void MoveToEnd_DuplicateNames_MovesOnlyTheFirst()
    {
        var env = List(("R", "first"), ("B", "2"), ("R", "second"), ("C", "3"));
        EnvList.MoveToEnd(env, "R");
        Assert.Equal(["B=2", "R=second", "C=3", "R=first"], Texts(env));
    }

    [Fact]
    public void MoveToEnd_Absent_DoesNothing()
    {
        var env = List(("A", "1"));
        EnvList.MoveToEnd(env, "R");
        Assert.Equal(["A=1"], Texts(env));
    }

    [Fact]
    public void Apply_ConcatenatePresent_AppendsWithSeparatorInPlaceAndMarksModified()
    {
        var env = List(("HOOKS", "/app/a.dll"), ("X", "1"));
        EnvList.Apply(env, Rule("HOOKS", EnvMergeRule.Concatenate, ":"), "/otel/b.dll", null);
        Assert.Equal(["HOOKS=/app/a.dll:/otel/b.dll", "X=1"], Texts(env));
        Assert.True(env[0].IsModified);
    }

    [Fact]
    public void Apply_ConcatenateAbsent_AppendsTheValueAlone()
    {
        var env = List(("X", "1"));
        EnvList.Apply(env, Rule("JAVA_TOOL_OPTIONS", EnvMergeRule.Concatenate, ""), " -javaagent:/a.jar", null);
        Assert.Equal(["X=1", "JAVA_TOOL_OPTIONS= -javaagent:/a.jar"], Texts(env));
    }

    [Fact]
    public void Apply_ConcatenatePresentEmpty_StartsWithTheSeparator()
    {
        var env = List(("HOOKS", ""));
        EnvList.Apply(env, Rule("HOOKS", EnvMergeRule.Concatenate, ":"), "/otel/b.dll", null);
        Assert.Equal(["HOOKS=:/otel/b.dll"], Texts(env));
    }

    [Theory]
    [InlineData(EnvMergeRule.Concatenate)]
    [InlineData(EnvMergeRule.Prepend)]
    [InlineData(EnvMergeRule.AppendIfAbsent)]
    public void Apply_PresentWithValueFrom_IsNotTouched(EnvMergeRule rule)
    {
        var entry = EnvEntry.FieldRef("V", "metadata.name");
        var env = new List<EnvEntry> { entry };
        EnvList.Apply(env, Rule("V", rule, ":"), "ours", "suffix");
        Assert.Equal(entry, Assert.Single(env));
    }

    [Fact]
    public void Apply_PrependAbsent_IsValueSeparatorSuffix()
    {
        var env = new List<EnvEntry>();
        EnvList.Apply(env, Rule("PYTHONPATH", EnvMergeRule.Prepend, ":"), "/pre", "/post");
        Assert.Equal(["PYTHONPATH=/pre:/post"], Texts(env));
    }

    [Fact]
    public void Apply_PrependPresent_WrapsTheExistingValue()
    {
        var env = List(("PYTHONPATH", "/app"));
        EnvList.Apply(env, Rule("PYTHONPATH", EnvMergeRule.Prepend, ":"), "/pre", "/post");
        Assert.Equal(["PYTHONPATH=/pre:/app:/post"], Texts(env));
    }

    [Fact]
    public void Apply_PrependWithoutSuffix_OnlyPrefixes()
    {
        var env = List(("P", "/app"));
        EnvList.Apply(env, Rule("P", EnvMergeRule.Prepend, ":"), "/pre", null);
        Assert.Equal(["P=/pre:/app"], Texts(env));
    }

    [Fact]
    public void Apply_SetOrReplacePresent_ReplacesInPlace()
    {
        var env = List(("A", "old"), ("B", "2"));
        EnvList.Apply(env, Rule("A", EnvMergeRule.SetOrReplace, ""), "new", null);
        Assert.Equal(["A=new", "B=2"], Texts(env));
    }

    [Fact]
    public void Apply_SetOrReplaceValueFrom_ReplacesTheEntryAtItsPosition()
    {
        var env = new List<EnvEntry> { EnvEntry.FieldRef("A", "metadata.name"), EnvEntry.Literal("B", "2") };
        EnvList.Apply(env, Rule("A", EnvMergeRule.SetOrReplace, ""), "new", null);
        Assert.Equal(["A=new", "B=2"], Texts(env));
        Assert.False(env[0].HasValueFrom);
    }

    [Fact]
    public void Apply_AppendIfAbsentPresent_KeepsTheUserValue()
    {
        var env = List(("CORECLR_ENABLE_PROFILING", "0"));
        EnvList.Apply(env, Rule("CORECLR_ENABLE_PROFILING", EnvMergeRule.AppendIfAbsent, ""), "1", null);
        Assert.Equal(["CORECLR_ENABLE_PROFILING=0"], Texts(env));
        Assert.False(env[0].IsModified);
    }

    [Fact]
    public void Apply_DuplicateNames_ChangesOnlyTheFirst()
    {
        var env = List(("P", "a"), ("P", "b"));
        EnvList.Apply(env, Rule("P", EnvMergeRule.Concatenate, ":"), "x", null);
        Assert.Equal(["P=a:x", "P=b"], Texts(env));
    }

    private static EnvRule Rule(string name, EnvMergeRule rule, string separator) => new(name, "unused", rule, separator, null, EnvStage.AfterCommon);

    private static List<EnvEntry> List(params (string Name, string Value)[] entries) => entries.Select(e => EnvEntry.Literal(e.Name, e.Value)).ToList();

    private static string[] Texts(List<EnvEntry> env) => env.Select(e => e.Name + "=" + e.Value).ToArray();
}
