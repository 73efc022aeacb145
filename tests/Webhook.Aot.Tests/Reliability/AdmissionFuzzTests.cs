using System.Text;
using Webhook.Admission;
using Webhook.Hosting;
using Xunit.Abstractions;

namespace Webhook.Tests.Reliability;

/// <summary>
/// Generated and mutated AdmissionReviews through the whole admission path, each checked by
/// <see cref="AdmissionProperties"/>. Seeded, so a failure names an input that fails again the same way.
/// </summary>
public sealed class AdmissionFuzzTests(ITestOutputHelper output)
{
    private const string InjectJava = "instrumentation.opentelemetry.io/inject-java";
    private const string JavaAnnotationPath = "/request/object/metadata/annotations/instrumentation.opentelemetry.io~1inject-java";
    private const int RandomEditsPerSeed = 40;

    private static readonly FuzzSeed s_java = FuzzSeed.AdmissionReview("java-pod.review.json");

    public static TheoryData<string> SeedNames() => ["java-pod.review.json", "plain-pod.review.json", "nginx-basic", "go-e2e-rolldice"];

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Review_TruncatedAtEveryByte_AnswersBadRequest(string seedName)
    {
        var seed = Seed(seedName);

        var outcomes = Run(seed, ReviewMutations.Truncations(seed.Bytes));

        Assert.Equal(seed.Bytes.Length, outcomes.Total);
        Assert.Equal(outcomes.Total, outcomes.BadRequests);
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Review_EveryFieldGivenEveryWrongType_KeepsTheProperties(string seedName)
    {
        var seed = Seed(seedName);

        var outcomes = Run(seed, ReviewMutations.WrongTypes(seed.Review));

        // Wrong types in the envelope are refused; wrong types deep in the pod are admitted, most of them still injected.
        Assert.True(outcomes.BadRequests > 0, outcomes.ToString());
        Assert.True(outcomes.Admitted > outcomes.BadRequests, outcomes.ToString());
        Assert.Equal(seedName.StartsWith("plain", StringComparison.Ordinal), outcomes.Patched == 0);
    }

    [Fact]
    public void Review_NumbersWhereStringsBelong_RefusedInTheEnvelopeAdmittedInThePod()
    {
        Assert.Equal(400, Check(ReviewMutations.Replace(s_java.Review, "/request/uid", "12345", "number")).HttpStatus);
        Assert.Equal(400, Check(ReviewMutations.Replace(s_java.Review, "/request/kind/kind", "7", "number")).HttpStatus);

        var namespaceNumber = Check(ReviewMutations.Replace(s_java.Review, "/request/namespace", "7", "number"));
        var nameNumber = Check(ReviewMutations.Replace(s_java.Review, "/request/object/spec/containers/0/name", "7", "number"));
        var annotationNumber = Check(ReviewMutations.Replace(s_java.Review, JavaAnnotationPath, "1", "number"));

        Assert.Equal(200, namespaceNumber.HttpStatus);
        Assert.True(nameNumber.Patched, "a container name given as a number counts as empty; the pod is still injected");
        Assert.False(annotationNumber.Patched, "an annotation value given as a number is not \"true\"");
    }

    [Theory]
    [InlineData("/request/x", 510, 200)]
    [InlineData("/request/x", 511, 400)]
    [InlineData("/x", 100_000, 400)]
    [InlineData("/request/object/spec/containers/0/x", 200, 200)]
    [InlineData("/request/object/spec/containers/0/x", 300, 200)]
    [InlineData("/request/object/metadata/annotations/deep", 250, 200)]
    [InlineData("/request/object/spec/containers/0/env", 5_000, 400)]
    public void Review_DeeplyNested_AnsweredWithinTheDepthLimit(string path, int depth, int expectedStatus)
    {
        var trial = Check(ReviewMutations.Replace(s_java.Review, path, ReviewMutations.Nested(depth), "nested " + depth));

        Assert.Equal(expectedStatus, trial.HttpStatus);
    }

    [Fact]
    public void Review_DeepButReadablePod_StillInjected()
    {
        Assert.True(Check(ReviewMutations.Replace(s_java.Review, "/request/object/spec/containers/0/x", ReviewMutations.Nested(200), "nested")).Patched);
    }

    [Theory]
    [InlineData("/request/uid")]
    [InlineData("/request/namespace")]
    [InlineData("/request/object/metadata/generateName")]
    [InlineData("/request/object/metadata/annotations/huge")]
    [InlineData(JavaAnnotationPath)]
    [InlineData("/request/object/spec/containers/0/name")]
    [InlineData("/request/object/spec/containers/0/image")]
    [InlineData("/request/object/spec/containers/0/env")]
    public void Review_OneMegabyteString_KeepsTheProperties(string path)
    {
        var huge = "\"" + new string('a', 512 * 1024) + string.Concat(Enumerable.Repeat("\\u00e9", 512 * 1024 / 6)) + "\"";

        var trial = Check(ReviewMutations.Replace(s_java.Review, path, huge, "1 MiB string"));

        Assert.Equal(200, trial.HttpStatus);
    }

    [Fact]
    public void Review_LargerThanTheCap_RefusedAsTooLarge()
    {
        var huge = "\"" + new string('a', ServeOptions.MaxRequestBytes) + "\"";

        Assert.Equal(413, Check(ReviewMutations.Replace(s_java.Review, "/request/object/metadata/annotations/huge", huge, "over the cap")).HttpStatus);
    }

    [Theory]
    [InlineData("\"ünïcødé-名前-😀\"", true)]
    [InlineData("\"\\u00fcn\\u00efc\\u00f8d\\u00e9\"", true)]
    [InlineData("\"\\ud83d\\ude00\"", true)]
    [InlineData("\"line\\u2028sep\"", true)]
    [InlineData("\"quote\\\"back\\\\slash\\/solidus\"", true)]
    [InlineData("\"nul\\u0000\"", true)]
    [InlineData("\"\\ud800\"", false)]
    public void Review_OddContainerName_InjectedWhenReadable(string rawName, bool injected)
    {
        var trial = Check(ReviewMutations.Replace(s_java.Review, "/request/object/spec/containers/0/name", rawName, rawName));

        Assert.Equal(200, trial.HttpStatus);
        Assert.Equal(injected, trial.Patched);
        Assert.False(trial.FailedOpen, "a name that is half a character is the pod's fault, answered with a warning, not an engine failure");
    }

    [Theory]
    [InlineData("\"ünïcødé-名前-😀\"")]
    [InlineData("\"\\u00fc\\ud83d\\ude00\\\"\\\\\\/\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"line\\u2028sep\\u0000\"")]
    public void Review_OddUid_EchoedByteForByte(string rawUid)
    {
        Assert.Equal(200, Check(ReviewMutations.Replace(s_java.Review, "/request/uid", rawUid, rawUid)).HttpStatus);
    }

    [Theory]
    [InlineData("/request/uid", 400)]
    [InlineData("/request/namespace", 200)]
    [InlineData("/request/object/spec/containers/0/name", 200)]
    [InlineData(JavaAnnotationPath, 200)]
    public void Review_InvalidUtf8InAString_UidRefusedElsewhereAdmitted(string path, int expectedStatus)
    {
        byte[] raw = [(byte)'"', (byte)'a', 0xC3, 0x28, 0xFF, (byte)'"'];

        var trial = Check(ReviewMutations.Replace(s_java.Review, path, raw, "invalid UTF-8"));

        Assert.Equal(expectedStatus, trial.HttpStatus);
    }

    [Theory]
    [InlineData("instrumentation.opentelemetry.io\\/inject-java")]
    [InlineData("\\u0069nstrumentation.opentelemetry.io/inject-java")]
    [InlineData("instrumentation.opentelemetry.io\\u002finject-\\u006a\\u0061\\u0076\\u0061")]
    public void Review_EscapedInjectAnnotationKey_InjectsLikeThePlainKey(string escapedKey)
    {
        var plain = s_java.Bytes;
        var escaped = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(plain).Replace(InjectJava, escapedKey, StringComparison.Ordinal));
        Assert.NotEqual(plain, escaped);

        Assert.True(Check(new Mutant("plain key", plain)).Patched);
        Assert.True(Check(new Mutant("escaped key " + escapedKey, escaped)).Patched);
        Assert.Equal(Patch(plain), Patch(escaped));
    }

    [Theory]
    [InlineData("\"true\"", "\"false\"", false)]
    [InlineData("\"false\"", "\"true\"", true)]
    [InlineData("\"true\"", "\"\"", false)]
    [InlineData("7", "\"true\"", true)]
    public void Review_DuplicateInjectAnnotation_LastValueWins(string first, string last, bool injected)
    {
        var duplicated = Encoding.UTF8.GetString(s_java.Bytes).Replace(
            "\"" + InjectJava + "\":\"true\"", "\"" + InjectJava + "\":" + first + ",\"" + InjectJava + "\":" + last, StringComparison.Ordinal);

        Assert.Equal(injected, Check(new Mutant("duplicate annotation", Encoding.UTF8.GetBytes(duplicated))).Patched);
    }

    [Fact]
    public void Review_DuplicateEnvelopeKeys_KeepTheProperties()
    {
        var text = Encoding.UTF8.GetString(s_java.Bytes);
        string[] variants =
        [
            text.Replace("\"uid\":\"e2e-java-0001\"", "\"uid\":\"first\",\"uid\":\"second\"", StringComparison.Ordinal),
            text.Replace("\"operation\":\"CREATE\"", "\"operation\":\"CREATE\",\"operation\":\"DELETE\"", StringComparison.Ordinal),
            text[..^1] + ",\"request\":{\"uid\":\"again\"}}",
            text.Replace("\"metadata\":{", "\"metadata\":{},\"metadata\":{", StringComparison.Ordinal),
        ];

        var outcomes = Run(s_java, variants.Select((v, i) => new Mutant("duplicate keys " + i, Encoding.UTF8.GetBytes(v))));

        Assert.Equal(variants.Length, outcomes.Admitted);
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Review_WrongTypedEntriesRepeatedKeysAndInvalidUtf8_AdmittedWithAValidPatchOrNone(string seedName)
    {
        var seed = Seed(seedName);

        var outcomes = Run(seed, ReviewMutations.PodShapes(seed.Review));

        // The properties check each patch: UTF-8, JSON, none for a wrong type, applies to the pod as the API server stores it.
        Assert.True(outcomes.Total > 50, outcomes.ToString());
        Assert.Equal(outcomes.Total, outcomes.Admitted);
        Assert.Equal(0, outcomes.FailedOpen);
        Assert.Equal(seedName.StartsWith("plain", StringComparison.Ordinal), outcomes.Patched == 0);
    }

    [Fact]
    public void Review_EveryInjectionCaseInEveryOddShape_PatchIsValidUtf8Json()
    {
        var outcomes = new Outcomes();
        foreach (var seed in FuzzSeed.InjectionCases())
        {
            foreach (var mutant in ReviewMutations.PodShapes(seed.Review))
            {
                outcomes.Add(Check(seed, mutant));
            }
        }

        output.WriteLine("every case, odd shapes: " + outcomes);
        Assert.Equal(outcomes.Total, outcomes.Admitted);
        Assert.Equal(0, outcomes.FailedOpen);
        Assert.True(outcomes.Patched > 0, outcomes.ToString());
    }

    [Fact]
    public void Review_RandomEditsOfEveryInjectionCase_KeepTheProperties()
    {
        var random = new Random(20251125);
        var seeds = FuzzSeed.InjectionCases().Append(s_java).ToList();
        var outcomes = new Outcomes();
        for (var i = 0; i < seeds.Count; i++)
        {
            var other = seeds[(i + 1) % seeds.Count].Bytes;
            var bytes = seeds[i].Bytes;
            outcomes.Add(Run(seeds[i], Enumerable.Range(0, RandomEditsPerSeed).Select(_ => ReviewMutations.RandomEdit(bytes, other, random))));
        }

        Assert.Equal(seeds.Count * RandomEditsPerSeed, outcomes.Total);
        Assert.True(outcomes.Patched > 0 && outcomes.BadRequests > 0 && outcomes.Admitted > outcomes.Patched, outcomes.ToString());
    }

    private static FuzzSeed Seed(string name) => name.EndsWith(".json", StringComparison.Ordinal) ? FuzzSeed.AdmissionReview(name) : FuzzSeed.FromCase(name);

    private static AdmissionTrial Check(Mutant mutant) => Check(s_java, mutant);

    private static AdmissionTrial Check(FuzzSeed seed, Mutant mutant)
    {
        try
        {
            return AdmissionProperties.Check(mutant.Body, seed.Snapshot, seed.Settings);
        }
        catch (AdmissionPropertyException e)
        {
            throw new Xunit.Sdk.XunitException(seed.Name + ", " + mutant.Label + ": " + e.Message + "\ninput: " + Preview(mutant.Body));
        }
    }

    private Outcomes Run(FuzzSeed seed, IEnumerable<Mutant> mutants)
    {
        var outcomes = new Outcomes();
        foreach (var mutant in mutants)
        {
            outcomes.Add(Check(seed, mutant));
        }

        output.WriteLine(seed.Name + ": " + outcomes);
        return outcomes;
    }

    private static byte[] Patch(byte[] body)
    {
        var view = AdmissionReader.Read(body);
        return AdmissionMutation.Handle(body, view, s_java.Snapshot, s_java.Settings).Mutation.Patch!.Value.ToArray();
    }

    private static string Preview(byte[] body)
        => body.Length <= 2000 ? Encoding.UTF8.GetString(body) : Encoding.UTF8.GetString(body.AsSpan(0, 2000)) + "… (" + body.Length + " bytes)";
}
