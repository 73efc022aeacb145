using System.Net;
using System.Text.Json;

namespace Webhook.Tests.Hosting;

/// <summary>
/// POST /validate-v1alpha1-instrumentation through the real server: its failure policy is Fail, so a wrong answer
/// here blocks or lets through every Instrumentation in the cluster. Each error class of the checks is one case,
/// with the exact message the API server shows to kubectl.
/// </summary>
public sealed class ValidateRouteTests : IAsyncLifetime
{
    private const string Route = "/validate-v1alpha1-instrumentation";
    private const string Valid = """{"exporter":{"endpoint":"http://collector:4318"},"sampler":{"type":"parentbased_traceidratio","argument":"0.25"}}""";

    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("CREATE")]
    [InlineData("UPDATE")]
    public async Task Validate_ValidInstrumentation_IsAllowedWithoutWarnings(string operation)
    {
        var response = await ValidateAsync(Review("uid-valid", operation, Valid));

        Assert.Equal("uid-valid", response.GetProperty("uid").GetString());
        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("status", out _));
        Assert.False(response.TryGetProperty("warnings", out _));
    }

    [Theory]
    [InlineData("""{"sampler":{"type":"always"}}""",
        "spec.sampler.type: unsupported value \"always\" (supported: always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, jaeger_remote, xray)")]
    [InlineData("""{"sampler":{"type":"traceidratio","argument":"1.5"}}""", "spec.sampler.argument should be in range [0..1]: 1.5")]
    [InlineData("""{"sampler":{"type":"traceidratio","argument":"half"}}""", "spec.sampler.argument is not a number: half")]
    [InlineData("""{"sampler":{"type":"jaeger_remote","argument":"endpoint"}}""",
        "spec.sampler.argument is not a valid argument for sampler jaeger_remote: invalid argument: endpoint, the argument should be in the form of key=value")]
    [InlineData("""{"env":[{"name":"X","value":false}]}""", "spec.env[0].value: must be a string, not a boolean; quote it: \"false\"")]
    [InlineData("""{"jav":{}}""", "spec.jav: unknown field \"jav\"; did you mean \"java\"?")]
    [InlineData("""{"java":{"resources":{"limits":{"cpu":"12x"}}}}""",
        "spec.java.resources.limits.cpu: \"12x\" is not a valid quantity; write a number with an optional suffix, e.g. 500m, 128Mi, 1Gi or 2")]
    [InlineData("""{"env":[{"value":"x"}]}""", "spec.env[0].name: required field is missing")]
    [InlineData("""{"java":{"volumeLimitSize":"1Gi","volumeClaimTemplate":{"spec":{"accessModes":["ReadWriteOnce"]}}}}""",
        "spec.java.volumeClaimTemplate and spec.java.volumeLimitSize cannot both be defined: unable to resolve volume size")]
    public async Task Validate_InvalidInstrumentation_IsDeniedWithTheMessage(string spec, string message)
    {
        var response = await ValidateAsync(Review("uid-invalid", "CREATE", spec));

        Assert.Equal("uid-invalid", response.GetProperty("uid").GetString());
        Assert.False(response.GetProperty("allowed").GetBoolean());
        var status = response.GetProperty("status");
        Assert.Equal(422, status.GetProperty("code").GetInt32());
        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        Assert.Equal(message, status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Validate_ValidWithCaveats_IsAllowedWithTheWarnings()
    {
        var response = await ValidateAsync(Review("uid-warn", "CREATE", """{"exporter":{"endpoint":"https://collector:4318"}}"""));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Equal(["sampler type not set", "exporter is using https:// but exporter.tls is unset"],
            response.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray());
    }

    [Fact]
    public async Task Validate_DeleteOfAnInvalidInstrumentation_IsAllowed()
    {
        var response = await ValidateAsync(Review("uid-delete", "DELETE", """{"sampler":{"type":"always"}}"""));

        Assert.Equal("uid-delete", response.GetProperty("uid").GetString());
        Assert.True(response.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Validate_InstrumentationWithWrongApiVersion_IsDenied()
    {
        var review = Review("uid-version", "CREATE", Valid).Replace("\"apiVersion\":\"opentelemetry.io/v1alpha1\"", "\"apiVersion\":\"opentelemetry.io/v1\"", StringComparison.Ordinal);

        var response = await ValidateAsync(review);

        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Equal("apiVersion: \"opentelemetry.io/v1\" is not served for kind Instrumentation; use opentelemetry.io/v1alpha1",
            response.GetProperty("status").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Validate_PodReview_IsRefusedWith400NamingTheKind()
    {
        var review = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"uid-pod","kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"demo","object":{}}}""";

        var (status, body) = await _host.PostAsync(Route, review);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("request.kind.kind is \"Pod\"; this endpoint admits Instrumentation", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"apiVersion\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"u"}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Validate_MalformedBody_IsRefusedWithAClearStatus(string body, string contentType, HttpStatusCode expected)
    {
        var (status, text) = await _host.PostAsync(Route, body, contentType);

        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrWhiteSpace(text), "a refusal says why");
    }

    private async Task<JsonElement> ValidateAsync(string review)
    {
        var (status, body) = await _host.PostAsync(Route, review);
        Assert.True(status == HttpStatusCode.OK, status + ": " + body);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal("admission.k8s.io/v1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("AdmissionReview", root.GetProperty("kind").GetString());
        return root.GetProperty("response").Clone();
    }

    private static string Review(string uid, string operation, string spec)
        => "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid
            + "\",\"kind\":{\"group\":\"opentelemetry.io\",\"version\":\"v1alpha1\",\"kind\":\"Instrumentation\"},\"namespace\":\"demo\",\"operation\":\""
            + operation + "\",\"object\":{\"apiVersion\":\"opentelemetry.io/v1alpha1\",\"kind\":\"Instrumentation\",\"metadata\":{\"name\":\"otel\",\"namespace\":\"demo\"},\"spec\":"
            + spec + "}}}";
}
