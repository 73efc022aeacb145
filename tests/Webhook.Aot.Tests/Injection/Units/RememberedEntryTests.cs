using Webhook.Injection.Env;
using Webhook.Injection.Patching;

namespace Webhook.Tests.Injection.Units;

/// <summary>An env entry remembered by the objects it was made from: copied only for the same objects, as written.</summary>
public sealed class RememberedEntryTests
{
    [Fact]
    public void TryCopy_SameKeys_GivesTheEntryAsWritten()
    {
        var remembered = new RememberedEntry();
        var (rule, container) = (new object(), "app");
        var written = remembered.Remember(rule, container, "JAVA_TOOL_OPTIONS",
            FragmentEnv.Literal(new FragmentBuffer(), "JAVA_TOOL_OPTIONS", " -javaagent:/otel-auto-instrumentation-java-app/javaagent.jar"));
        var fragments = new FragmentBuffer();
        fragments.Concat("{\"earlier\":1}"u8, default, default, default);

        Assert.True(remembered.TryCopy(rule, container, fragments, out var copied));

        Assert.Equal(written.Raw.ToArray(), copied.Raw.ToArray());
        Assert.Equal(" -javaagent:/otel-auto-instrumentation-java-app/javaagent.jar", copied.Value);
        Assert.True(copied.NameIs("JAVA_TOOL_OPTIONS"));
        Assert.Equal("JAVA_TOOL_OPTIONS", copied.Name);
        Assert.False(copied.HasValueFrom);
        Assert.Equal(-1, copied.Origin);
    }

    [Fact]
    public void TryCopy_OtherKeys_GivesNothing()
    {
        var remembered = new RememberedEntry();
        var rule = new object();
        remembered.Remember(rule, "app", "N", FragmentEnv.Literal(new FragmentBuffer(), "N", "app"));

        Assert.False(remembered.TryCopy(rule, new string("app".AsSpan()), new FragmentBuffer(), out _));
        Assert.False(remembered.TryCopy(new object(), "app", new FragmentBuffer(), out _));
    }

    [Theory]
    [InlineData("a+b")]
    [InlineData("équipe")]
    public void Remember_EntryWithEscapes_IsNotRemembered(string value)
    {
        var remembered = new RememberedEntry();
        var rule = new object();
        remembered.Remember(rule, "app", "N", FragmentEnv.Literal(new FragmentBuffer(), "N", "ok"));

        remembered.Remember(rule, "app", "N", FragmentEnv.Literal(new FragmentBuffer(), "N", value));

        Assert.False(remembered.TryCopy(rule, "app", new FragmentBuffer(), out _));
    }
}
