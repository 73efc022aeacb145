using System.Text;
using System.Text.Json.Nodes;
using Webhook.Injection;
using Webhook.Tests.Support;
using static Webhook.Tests.Injection.Bounded.LargePods;
using Webhook.Text;

namespace Webhook.Tests.Injection.Bounded;

/// <summary>
/// Whoever may create a pod chooses the webhook's input: container-names lists of any length, annotation values of
/// megabytes, thousands of containers. The answer stays small: warnings about many items are one warning, every
/// echoed value is cut, and a pod gets at most <see cref="InjectionContext.MaxWarnings"/> warnings plus one that
/// counts the rest. Sizes and shapes only: how long it takes is for bench/ (BoundedCostBenchmarks).
/// </summary>
public sealed class BoundedWarningsTests
{
    /// <summary>A warning quoting one cut value and the text around it fits easily.</summary>
    private const int MaxWarningLength = 2 * EchoedText.MaxCharacters + 400;

    [Theory]
    [InlineData(32_000)]
    [InlineData(150_000)]
    public void Mutate_ThousandsOfUnmatchedContainerNames_OneWarningNamingAFew(int count)
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", "c0," + Names(count - 1, first: 1))], containers: 1);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.ContainerNotFound, warning.Reason);
        Assert.Equal("metadata.annotations[container-names]: no containers \"c1\", \"c2\", \"c3\", \"c4\", \"c5\" and " + (count - 6)
            + " more in the pod; Java skips them", warning.Message);
        var patched = Apply(pod, result.Patch);
        Assert.Contains(Env(patched, 0), e => (string?)e!["name"] == "JAVA_TOOL_OPTIONS");
    }

    /// <summary>The decision on a language names the first containers it went into and counts the rest (it was every name: 34,000 characters here).</summary>
    [Fact]
    public void Mutate_ThousandsOfInjectedContainers_DecisionNamesAFew()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(5_000))], containers: 5_000);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        Assert.NotNull(result.Patch);
        var decision = Assert.Single(result.Decisions);
        Assert.True(decision.Injected);
        Assert.StartsWith("injected into c0, c1, c2, c3, c4 and 4995 more from Instrumentation ", decision.Reason, StringComparison.Ordinal);
        Assert.True(decision.Reason.Length <= MaxWarningLength, decision.Reason.Length + " characters");
    }

    [Fact]
    public void Mutate_FiveInjectedContainers_DecisionNamesAll()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(5))], containers: 5);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        Assert.StartsWith("injected into c0, c1, c2, c3, c4 from Instrumentation ", Assert.Single(result.Decisions).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_TwoUnmatchedNames_OneWarningNamingBoth()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", "c0,web,worker")]);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        Assert.Equal(["metadata.annotations[container-names]: no containers \"web\", \"worker\" in the pod; Java skips them"], result.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void Mutate_ThousandsOfRepeatedNamesInOneLanguage_OneShortWarning()
    {
        var names = Names(32_000);
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "java-container-names", names + "," + names)]);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), new InjectionSettings(null, multiInstrumentation: true));

        Assert.Null(result.Patch);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.MultiInstrumentationConfig, warning.Reason);
        Assert.StartsWith("metadata.annotations: duplicated container names detected: [c0 c1 c10 c100 c1000 and 31995 more]", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_ThousandsOfDistinctNamesInEveryLanguage_AllChecked()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "inject-python", "true"), (Prefix + "java-container-names", "c0," + Names(150_000, first: 2)),
            (Prefix + "python-container-names", "c1," + Names(150_000, first: 150_002))], containers: 2);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), new InjectionSettings(null, multiInstrumentation: true));

        Assert.Equal([WarningReason.ContainerNotFound, WarningReason.ContainerNotFound], result.Warnings.Select(w => w.Reason));
        Assert.All(result.Warnings, w => Assert.EndsWith(" and 149995 more in the pod; " + (w.Message.Contains("Java", StringComparison.Ordinal) ? "Java" : "Python")
            + " skips them", w.Message, StringComparison.Ordinal));
        var patched = Apply(pod, result.Patch);
        Assert.Contains(Env(patched, 0), e => (string?)e!["name"] == "JAVA_TOOL_OPTIONS");
        Assert.Contains(Env(patched, 1), e => (string?)e!["name"] == "PYTHONPATH");
    }

    [Fact]
    public void Mutate_OneMebibyteInjectValue_WarningQuotesItCut()
    {
        var value = new string('x', 1 << 20);
        var pod = Pod([(Prefix + "inject-java", value)]);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.InstrumentationNotFound, warning.Reason);
        Assert.Contains("\"" + new string('x', EchoedText.MaxCharacters) + "…\" (1048576 characters)", warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Message.Length < MaxWarningLength, warning.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(result.Decisions, d => Assert.True(d.Reason.Length < MaxWarningLength));
    }

    [Theory]
    [InlineData("container-names")]
    [InlineData("java-container-names")]
    [InlineData("apache-httpd-container-names")]
    public void Mutate_OneMebibyteInvalidContainerNames_WarningQuotesItCut(string annotation)
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + annotation, string.Join(", ", Enumerable.Repeat("app", 1 << 18)))]);

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), new InjectionSettings(null, multiInstrumentation: true));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.InvalidContainerNames, warning.Reason);
        Assert.Contains("…\" (1310718 characters) has characters other than", warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Message.Length < MaxWarningLength);
    }

    [Fact]
    public void Mutate_ContainerNameOfAMebibyte_WarningsNameItCut()
    {
        var name = new string('n', 1 << 20);
        var pod = Pod([(Prefix + "inject-java", "true")]);
        pod["spec"]!["containers"]![0]!["name"] = name;
        pod["spec"]!["containers"]![0]!["env"] = new JsonArray(new JsonObject { ["name"] = "JAVA_TOOL_OPTIONS", ["valueFrom"] = new JsonObject() });

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.ContainerSkipped, warning.Reason);
        Assert.StartsWith("containers[" + new string('n', EchoedText.MaxCharacters) + "… (1048576 characters)]: env JAVA_TOOL_OPTIONS uses valueFrom", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_ThousandsOfContainersEachSkipped_WarningsCappedWithACount()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(5_000))], containers: 5_000);
        foreach (var container in pod["spec"]!["containers"]!.AsArray())
        {
            container!["env"] = new JsonArray(new JsonObject { ["name"] = "JAVA_TOOL_OPTIONS", ["valueFrom"] = new JsonObject() });
        }

        var result = PodMutator.Mutate(Bytes(pod), Namespace, Snapshot(), InjectionSettings.Defaults);

        Assert.Null(result.Patch);
        Assert.Equal(InjectionContext.MaxWarnings + 1, result.Warnings.Count);
        Assert.All(result.Warnings.Take(InjectionContext.MaxWarnings), w => Assert.Equal(WarningReason.ContainerSkipped, w.Reason));
        Assert.Equal(new InjectionWarning(WarningReason.MoreWarnings, (5_000 - InjectionContext.MaxWarnings) + " more warnings not shown (at most "
            + InjectionContext.MaxWarnings + " per pod)"), result.Warnings[^1]);
    }

    [Fact]
    public void Mutate_ThreeMebibytePodWithManyContainersAndEnvEntries_InjectsEveryContainer()
    {
        const int containers = 500;
        const int envPerContainer = 20;
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(containers))], containers, envPerContainer, envValueLength: 300);
        var bytes = Bytes(pod);
        Assert.InRange(bytes.Length, 3 << 20, 7 << 20);

        var result = PodMutator.Mutate(bytes, Namespace, Snapshot(), InjectionSettings.Defaults);

        Assert.Empty(result.Warnings);
        var patched = Apply(pod, result.Patch);
        for (var c = 0; c < containers; c++)
        {
            var env = Env(patched, c).Select(e => (string)e!["name"]!).ToList();
            Assert.Equal(Enumerable.Range(0, envPerContainer).Select(e => "VAR_" + e), env.Where(n => n.StartsWith("VAR_", StringComparison.Ordinal)));
            Assert.Contains("JAVA_TOOL_OPTIONS", env);
            Assert.Equal("OTEL_RESOURCE_ATTRIBUTES", env[^1]);
        }

        Assert.Single(patched["spec"]!["initContainers"]!.AsArray());
    }

    private static JsonNode Apply(JsonNode pod, ReadOnlyMemory<byte>? patch)
    {
        Assert.NotNull(patch);
        return JsonPatchApplier.Apply(pod, Encoding.UTF8.GetString(patch.Value.Span));
    }

    private static JsonArray Env(JsonNode pod, int container) => pod["spec"]!["containers"]![container]!["env"]!.AsArray();
}
