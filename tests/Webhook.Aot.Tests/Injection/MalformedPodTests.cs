using System.Text;
using System.Text.Json;
using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Tests.Reliability;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// Pods the API server would never send, asking for Java: entries of the wrong JSON type where a patch writes or
/// copies, and text that is not UTF-8 in what a patch copies. Each gets no patch and one warning naming the field.
/// </summary>
public sealed class MalformedPodTests
{
    private const string Ask = """{"instrumentation.opentelemetry.io/inject-java":"true"}""";

    [Theory]
    [InlineData("""{"containers":["app"]}""", "spec.containers[0]: must be an object, not a string")]
    [InlineData("""{"containers":[7]}""", "spec.containers[0]: must be an object, not a number")]
    [InlineData("""{"containers":[[]]}""", "spec.containers[0]: must be an object, not a list")]
    [InlineData("""{"containers":[{"name":"app"},null]}""", "spec.containers[1]: must be an object, not null")]
    [InlineData("""{"containers":"app"}""", "spec.containers: must be a list, not a string")]
    [InlineData("""{"containers":[{"name":"app","env":"A=1"}]}""", "spec.containers[0].env: must be a list, not a string")]
    [InlineData("""{"containers":[{"name":"app","env":[{"name":"A"},"B=2"]}]}""", "spec.containers[0].env[1]: must be an object, not a string")]
    [InlineData("""{"containers":[{"name":"app","volumeMounts":[3]}]}""", "spec.containers[0].volumeMounts[0]: must be an object, not a number")]
    [InlineData("""{"containers":[{"name":"app","securityContext":"root"}]}""", "spec.containers[0].securityContext: must be an object, not a string")]
    [InlineData("""{"containers":[{"name":"app","envFrom":{"configMapRef":{"name":"c"}}}]}""", "spec.containers[0].envFrom: must be a list, not an object")]
    [InlineData("""{"containers":[{"name":"app","envFrom":["c"]}]}""", "spec.containers[0].envFrom[0]: must be an object, not a string")]
    [InlineData("""{"containers":[{"name":"app"}],"volumes":[{"name":"v"},true]}""", "spec.volumes[1]: must be an object, not a boolean")]
    [InlineData("""{"containers":[{"name":"app"}],"initContainers":["setup"]}""", "spec.initContainers[0]: must be an object, not a string")]
    [InlineData("""{"containers":[{"name":"app"}],"initContainers":[{"name":"i","env":[[]]}]}""", "spec.initContainers[0].env[0]: must be an object, not a list")]
    [InlineData("""{"containers":[{"name":"app","securityContext":{},"securityContext":{"runAsUser":1}}]}""", "spec.containers[0].securityContext: given twice in one container")]
    public void Mutate_WrongTypeWhereThePatchWrites_AdmitsWithoutPatchNamingTheField(string spec, string where)
    {
        var result = Mutate("""{"metadata":{"annotations":""" + Ask + """},"spec":""" + spec + "}");

        Assert.Null(result.Patch);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.MalformedPod, warning.Reason);
        Assert.Equal(where + "; pod admitted without injection", warning.Message);
    }

    [Theory]
    [InlineData("""{"name":"app","securityContext":{"seLinuxOptions":{"user":"@"}}}""", "spec.containers[0].securityContext")]
    [InlineData("""{"name":"app","envFrom":[{"prefix":"@","configMapRef":{"name":"c"}}]}""", "spec.containers[0].envFrom")]
    [InlineData("""{"name":"app","env":[{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"@"}}}]}""", "spec.containers[0].env[0]")]
    [InlineData("""{"name":"app","volumeMounts":[{"name":"v","mountPath":"/v","subPath":"@"}]}""", "spec.containers[0].volumeMounts[0]")]
    [InlineData("""{"name":"app","volumeMounts":[{"name":"v","mountPath":"/@"}]}""", "spec.containers[0].volumeMounts[0]")]
    [InlineData("""{"name":"@"}""", "spec.containers[0].name")]
    [InlineData("""{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","value":"@"},{"name":"C","value":"3"}]}""", "spec.containers[0].env[1]")]
    [InlineData("""{"name":"app","env":[{"name":"A","value":"1"},{"name":"B@"}]}""", "spec.containers[0].env[1]")]
    [InlineData("""{"name":"app","env":[{"name":"A","value":"1"}]},{"name":"app2","env":[{"name":"B","value":"2"},{"name":"C","value":"@"}]}""", "spec.containers[1].env[1]")]
    [InlineData("""{"name":"app","volumeMounts":[{"name":"a","mountPath":"/a"},{"name":"v","mountPath":"/v","subPath":"@"}]}""", "spec.containers[0].volumeMounts[1]")]
    public void Mutate_InvalidUtf8InWhatThePatchCopies_AdmitsWithoutPatchNamingTheField(string container, string where)
    {
        var pod = Encoding.UTF8.GetBytes("""{"metadata":{"annotations":""" + Ask + """},"spec":{"containers":[""" + container + "]}}");

        var result = Mutate(WithInvalidUtf8(pod));

        Assert.Null(result.Patch);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningReason.MalformedPod, warning.Reason);
        Assert.StartsWith(where + ": holds text that is not valid UTF-8", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutate_WellFormedSecurityContextAndEnvFrom_CopiedIntoTheApacheCloneAsValidUtf8()
    {
        // The same copied fields as the test above, well formed: the patch carries them (so the test above is about the bytes).
        var testCase = InjectionCase.Load("apache-basic");
        var pod = Encoding.UTF8.GetString(testCase.PodJson).Replace("\"name\":\"httpd\"",
            "\"name\":\"httpd\",\"securityContext\":{\"seLinuxOptions\":{\"user\":\"é\"}},\"envFrom\":[{\"prefix\":\"ü\",\"configMapRef\":{\"name\":\"c\"}}]", StringComparison.Ordinal);

        var result = PodMutator.Mutate(Encoding.UTF8.GetBytes(pod), testCase.Namespace, testCase.Snapshot, testCase.Settings);

        var patch = Encoding.UTF8.GetString(result.Patch!.Value.Span);
        Assert.Contains("\"user\":\"é\"", patch, StringComparison.Ordinal);
        Assert.Contains("\"prefix\":\"ü\"", patch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"containers":[{"name":"old"}],"containers":[{"name":"app"},{"name":"app2"}]}""")]
    [InlineData("""{"containers":[{"name":"app","env":[{"name":"X","value":"1"}],"env":[{"name":"A","value":"a"}]}]}""")]
    [InlineData("""{"containers":[{"name":"app","volumeMounts":[{"name":"x","mountPath":"/x"}],"volumeMounts":null}]}""")]
    [InlineData("""{"initContainers":[{"name":"i"}],"containers":[{"name":"app"}],"initContainers":null}""")]
    [InlineData("""{"volumes":[{"name":"x"}],"containers":[{"name":"app"}],"volumes":[{"name":"y","name":"z"}]}""")]
    [InlineData("""{"containers":[{"name":"ignored"}]},"spec":{"containers":[{"name":"app","image":"a:1","image":"b:2"}]}""")]
    public void Mutate_RepeatedKeys_PatchesThePodTheApiServerStores(string spec)
    {
        var pod = """{"metadata":{"annotations":""" + Ask + """},"spec":""" + spec + "}";

        var repeated = Mutate(pod);
        var stored = Encoding.UTF8.GetBytes(LastWinsJson.Parse(Encoding.UTF8.GetBytes(pod))!.ToJsonString());
        var once = Mutate(stored);

        Assert.Empty(repeated.Warnings);
        Assert.NotNull(repeated.Patch);
        Assert.Equal(Encoding.UTF8.GetString(once.Patch!.Value.Span), Encoding.UTF8.GetString(repeated.Patch.Value.Span));
        JsonPatchApplier.Apply(LastWinsJson.Parse(Encoding.UTF8.GetBytes(pod))!, Encoding.UTF8.GetString(repeated.Patch.Value.Span));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"p"},"metadata":{"annotations":ASK}}""", true)]
    [InlineData("""{"metadata":{"annotations":{"a":"b"},"annotations":ASK}}""", true)]
    [InlineData("""{"metadata":{"annotations":ASK,"annotations":null}}""", false)]
    [InlineData("""{"metadata":{"annotations":ASK},"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"false"}}}""", false)]
    [InlineData("""{"spec":{},"metadata":{"annotations":{}},"metadata":{"annotations":ASK}}""", true)]
    public void Precheck_And_Reader_RepeatedMetadataOrAnnotations_ReadAsTheApiServerStoresThem(string podTemplate, bool asks)
    {
        var pod = podTemplate.Replace("ASK", Ask, StringComparison.Ordinal);
        pod = pod[..^1] + ",\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1\"}]}}";
        var bytes = Encoding.UTF8.GetBytes(pod);

        // The precheck may say "maybe" for a pod that does not ask; it must never say "no" for one that does.
        Assert.True(!asks || InjectionPrecheck.MayAskForInjection(bytes, "shop"u8, Snapshot()));
        Assert.Equal(asks, Mutate(bytes).Patch is not null);
    }

    [Fact]
    public void Read_RepeatedRequest_MergedAndNullDropsIt()
    {
        var merged = Encoding.UTF8.GetBytes("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a","operation":"DELETE"},"request":{"operation":"CREATE","namespace":"shop"}}""");
        var dropped = Encoding.UTF8.GetBytes("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a"},"request":null}""");

        var view = Webhook.Admission.AdmissionReader.Read(merged);

        Assert.Equal("a", Encoding.UTF8.GetString(merged.AsSpan(view.Uid)));
        Assert.Equal("CREATE", Encoding.UTF8.GetString(merged.AsSpan(view.Operation)));
        Assert.Equal("shop", Encoding.UTF8.GetString(merged.AsSpan(view.Namespace)));
        Assert.False(Webhook.Admission.AdmissionReader.Read(dropped).HasRequest);
    }

    /// <summary>Every '@' of <paramref name="json"/> becomes bytes that are not UTF-8 (a lead byte without its continuation, then 0xFF).</summary>
    private static byte[] WithInvalidUtf8(byte[] json)
        => [.. json.SelectMany(b => b == (byte)'@' ? new byte[] { 0xC3, 0x28, 0xFF } : [b])];

    private static MutationResult Mutate(string pod) => Mutate(Encoding.UTF8.GetBytes(pod));

    private static MutationResult Mutate(byte[] pod) => new InjectionWorkspace().Mutate(pod, "shop", Snapshot(), InjectionSettings.Defaults);

    private static InstrumentationSnapshot Snapshot()
    {
        var instrumentation = new Instrumentation { Metadata = new ObjectMeta { Name = "otel", Namespace = "shop" } };
        Webhook.Instrumentations.InstrumentationDefaulter.Apply(instrumentation, Webhook.Instrumentations.ImageDefaults.FromTable);
        return new InstrumentationSnapshot([instrumentation], []);
    }
}
