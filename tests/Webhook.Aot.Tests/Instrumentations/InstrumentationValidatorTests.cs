namespace Webhook.Tests.Instrumentations;

public sealed class InstrumentationValidatorTests
{
    [Fact]
    public void Validate_NoSampler_WarnsSamplerTypeNotSet()
    {
        var loaded = InstrumentationFixture.Load("exporter: {endpoint: http://c:4318}");

        Assert.True(loaded.IsValid);
        Assert.Contains(loaded.Warnings, w => w.Message == "sampler type not set");
    }

    [Theory]
    [InlineData("traceidratio", "0.25")]
    [InlineData("parentbased_traceidratio", "1")]
    [InlineData("parentbased_traceidratio", "0")]
    [InlineData("traceidratio", "1e-1")]
    [InlineData("always_on", "anything")]
    [InlineData("xray", "ignored")]
    public void Validate_AcceptedSamplerArgument_HasNoError(string type, string argument)
    {
        var loaded = InstrumentationFixture.Load($"sampler: {{type: {type}, argument: \"{argument}\"}}");

        Assert.True(loaded.IsValid, InstrumentationFixture.Messages(loaded));
        Assert.DoesNotContain(loaded.Warnings, w => w.Message == "sampler type not set");
    }

    [Theory]
    [InlineData("traceidratio", "abc", "spec.sampler.argument is not a number: abc")]
    [InlineData("parentbased_traceidratio", "1.99", "spec.sampler.argument should be in range [0..1]: 1.99")]
    [InlineData("traceidratio", "-0.1", "spec.sampler.argument should be in range [0..1]: -0.1")]
    [InlineData("traceidratio", "Inf", "spec.sampler.argument should be in range [0..1]: Inf")]
    [InlineData("traceidratio", "NaN", "spec.sampler.argument should be in range [0..1]: NaN")]
    [InlineData("traceidratio", " 0.5", "spec.sampler.argument is not a number:  0.5")]
    public void Validate_BadRatioArgument_ReportsTheOperatorMessage(string type, string argument, string message)
    {
        var loaded = InstrumentationFixture.Load($"sampler: {{type: {type}, argument: \"{argument}\"}}");

        var error = Assert.Single(loaded.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal("spec.sampler.argument", error.Path);
        Assert.Equal(7, error.Line);
    }

    [Theory]
    [InlineData("endpoint=http://j:14250,pollingIntervalMs=5000,initialSamplingRate=0.25", null)]
    [InlineData("endpoint=http://j:14250,other=ignored", null)]
    [InlineData("endpoint", "invalid argument: endpoint, the argument should be in the form of key=value")]
    [InlineData("endpoint=", "endpoint cannot be empty")]
    [InlineData("pollingIntervalMs=fast", "invalid pollingIntervalMs: fast")]
    [InlineData("initialSamplingRate=x", "invalid initialSamplingRate: x")]
    [InlineData("initialSamplingRate=2", "initialSamplingRate should be in range [0..1]: 2")]
    public void Validate_JaegerRemoteArgument_ChecksEachPair(string argument, string? problem)
    {
        var loaded = InstrumentationFixture.Load($"sampler: {{type: jaeger_remote, argument: \"{argument}\"}}");

        if (problem is null)
        {
            Assert.True(loaded.IsValid, InstrumentationFixture.Messages(loaded));
        }
        else
        {
            Assert.Equal("spec.sampler.argument is not a valid argument for sampler jaeger_remote: " + problem, Assert.Single(loaded.Errors).Message);
        }
    }

    [Fact]
    public void Validate_SamplerTypeOutsideTheEnum_IsASchemaErrorWithSuggestion()
    {
        var loaded = InstrumentationFixture.Load("sampler: {type: parentbased_always_onn}");

        var error = Assert.Single(loaded.Errors);
        Assert.Equal("spec.sampler.type", error.Path);
        Assert.StartsWith("unsupported value \"parentbased_always_onn\"; did you mean \"parentbased_always_on\"?", error.Message);
    }

    [Fact]
    public void Validate_ParentbasedJaegerRemote_IsRejectedByTheSchemaEnum()
    {
        var loaded = InstrumentationFixture.Load("sampler: {type: parentbased_jaeger_remote}");

        Assert.Contains("unsupported value \"parentbased_jaeger_remote\"", Assert.Single(loaded.Errors).Message);
    }

    [Theory]
    [InlineData("java", "java")]
    [InlineData("nodejs", "nodejs")]
    [InlineData("apacheHttpd", "apachehttpd")]
    public void Validate_ClaimTemplateAndLimitSize_IsAnError(string field, string token)
    {
        var loaded = InstrumentationFixture.Load($$"""
            {{field}}:
              volumeLimitSize: 100Mi
              volumeClaimTemplate:
                spec:
                  accessModes: [ReadWriteOnce]
            """);

        var error = Assert.Single(loaded.Errors);
        Assert.Equal($"spec.{token}.volumeClaimTemplate and spec.{token}.volumeLimitSize cannot both be defined: unable to resolve volume size", error.Message);
    }

    [Fact]
    public void Validate_TwoLanguagesWithBothVolumeSettings_ReportsBothInOperatorOrder()
    {
        var loaded = InstrumentationFixture.Load("""
            python: {volumeLimitSize: 1Gi, volumeClaimTemplate: {spec: {}}}
            dotnet: {volumeLimitSize: 1Gi, volumeClaimTemplate: {spec: {}}}
            """);

        Assert.Equal(["spec.dotnet", "spec.python"], loaded.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_VolumeLimitSize_WarnsDeprecatedAndNamesAnExistingField()
    {
        var loaded = InstrumentationFixture.Load("nodejs: {volumeLimitSize: 100Mi}");

        Assert.True(loaded.IsValid);
        Assert.Contains(loaded.Warnings, w => w.Message ==
            "spec.nodejs.volumeLimitSize is deprecated and will be removed in a future release; use spec.nodejs.volumeClaimTemplate instead");
    }

    [Theory]
    [InlineData("exporter: {endpoint: https://c:4318}", "exporter is using https:// but exporter.tls is unset")]
    [InlineData("exporter: {endpoint: http://c:4318, tls: {ca_file: ca.crt}}", "exporter.tls is configured but exporter.endpoint is not enabling TLS with https://")]
    [InlineData("exporter: {endpoint: https://c:4318, tls: {cert_file: c.crt}}", "both exporter.tls.key and exporter.tls.cert must be set")]
    [InlineData("exporter: {endpoint: https://c:4318, tls: {key_file: c.key}}", "both exporter.tls.key and exporter.tls.cert must be set")]
    public void Validate_ExporterSettings_Warn(string exporter, string warning)
    {
        var loaded = InstrumentationFixture.Load(exporter);

        Assert.True(loaded.IsValid);
        Assert.Contains(loaded.Warnings, w => w.Message == warning);
    }

    [Fact]
    public void Validate_HttpsWithCompleteTls_HasNoExporterWarning()
    {
        var loaded = InstrumentationFixture.Load("exporter: {endpoint: https://c:4318, tls: {secretName: s, cert_file: c.crt, key_file: c.key}}\nsampler: {type: always_on}");

        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Validate_OldJavaImageOfTheDefaultRepository_WarnsItCannotBeUpgraded()
    {
        var loaded = InstrumentationFixture.Load("java: {image: ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:1.33.0}");

        var warning = Assert.Single(loaded.Warnings, w => w.Message.Contains("cannot be automatically upgraded"));
        Assert.StartsWith("Instrumentation demo/otel: java image ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:1.33.0 is at a version that cannot be automatically upgraded. Java instrumentation 2.0.0 contains", warning.Message);
    }

    [Theory]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.2.0", true)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.3.0", false)]
    [InlineData("ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-dotnet:1.15.0", false)]
    [InlineData("mirror.example/autoinstrumentation-dotnet:1.2.0", false)]
    public void Validate_DotnetImage_WarnsOnlyBelowTheBlockedVersionOfTheDefaultRepository(string image, bool warns)
    {
        var loaded = InstrumentationFixture.Load($"dotnet: {{image: \"{image}\"}}");

        Assert.Equal(warns, loaded.Warnings.Any(w => w.Message.Contains(".NET instrumentation 1.3.0 contains breaking")));
    }

    [Fact]
    public void Validate_LimitBelowDefaultedRequest_WarnsThatPodsWouldBeRejected()
    {
        var loaded = InstrumentationFixture.Load("java: {resources: {limits: {memory: 32Mi}}}");

        Assert.Contains(loaded.Warnings, w => w.Message ==
            "spec.java.resources: requests.memory 64Mi is above limits.memory 32Mi; pods injected with it will be rejected; set both");
    }

    [Fact]
    public void Validate_QuantityEndingInNewline_IsRefusedAsTheApiServerWould()
    {
        var loaded = InstrumentationFixture.Load("java: {resources: {limits: {memory: \"32Mi\\n\"}}}");

        Assert.Contains(" spec.java.resources.limits.memory: ", InstrumentationFixture.Messages(loaded), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_QuantityExponentNotWhole_LoadsWithoutComparingTheAmounts()
    {
        // The pattern accepts "1e3.5"; the limit check used to throw a FormatException reading its exponent.
        var loaded = InstrumentationFixture.Load("java: {resources: {limits: {memory: 1e3.5}, requests: {memory: 1e3.5}}}");

        Assert.Empty(loaded.Errors);
        Assert.DoesNotContain(loaded.Warnings, w => w.Message.Contains("is above limits", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("apacheHttpd: {configPath: \"{0}\"}", "spec.apacheHttpd.configPath")]
    [InlineData("sampler: {type: \"{0}\"}", "spec.sampler.type")]
    [InlineData("java: {resources: {limits: {cpu: \"{0}\"}}}", "spec.java.resources.limits.cpu")]
    public void Validate_HugeValueInAnError_IsEchoedCutWithItsLength(string specYaml, string path)
    {
        var huge = new string('x', 100_000) + " y";
        var loaded = InstrumentationFixture.Load(specYaml.Replace("{0}", huge));

        var messages = InstrumentationFixture.Messages(loaded).Split('\n').Where(m => m.Contains(path, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.True(m.Length < 1_000, $"{m.Length} characters: {m[..Math.Min(200, m.Length)]}"));
        Assert.Contains(messages, m => m.Contains("(100002 characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PatternFieldEndingInNewline_DoesNotMatchAsTheApiServerWould()
    {
        var loaded = InstrumentationFixture.Load("apacheHttpd: {configPath: \"/etc/apache\\n\"}");

        Assert.Contains(" spec.apacheHttpd.configPath: ", InstrumentationFixture.Messages(loaded), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownFieldWrongTypeAndBadQuantity_ReportsEachWithItsLine()
    {
        var loaded = InstrumentationFixture.Load("""
            jav: {}
            env:
              - name: A
                value: false
              - value: x
            java:
              resources:
                limits:
                  cpu: 12x
            apacheHttpd:
              configPath: "/etc/apache conf"
            """);

        Assert.Equal(
            [
                "test.yaml:7: spec.jav: unknown field \"jav\"; did you mean \"java\"?",
                "test.yaml:10: spec.env[0].value: must be a string, not a boolean; quote it: \"false\"",
                "test.yaml:11: spec.env[1].name: required field is missing",
                "test.yaml:15: spec.java.resources.limits.cpu: \"12x\" is not a valid quantity; write a number with an optional suffix, e.g. 500m, 128Mi, 1Gi or 2",
                "test.yaml:17: spec.apacheHttpd.configPath: \"/etc/apache conf\" does not match the pattern ^[A-Za-z0-9._/-]*$",
            ],
            loaded.Errors.Select(e => e.ToString()).OrderBy(e => int.Parse(e.Split(':')[1])));
    }

    [Fact]
    public void Validate_NginxConfigFileLongerThan256_IsAnError()
    {
        var loaded = InstrumentationFixture.Load($"nginx: {{configFile: /{new string('a', 256)}}}");

        Assert.Equal("is 257 characters long; at most 256 are allowed", Assert.Single(loaded.Errors).Message);
    }

    [Fact]
    public void Load_WrongApiVersion_SaysWhichOneIsServed()
    {
        var loaded = InstrumentationFixture.LoadDocument("""
            apiVersion: opentelemetry.io/v1beta1
            kind: Instrumentation
            metadata: {name: otel}
            """);

        Assert.Equal("test.yaml:1: apiVersion: \"opentelemetry.io/v1beta1\" is not served for kind Instrumentation; use opentelemetry.io/v1alpha1",
            Assert.Single(loaded.Errors).ToString());
    }

    [Fact]
    public void Load_MissingName_IsAnError()
    {
        var loaded = InstrumentationFixture.LoadDocument("apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nspec: {}");

        Assert.Contains(loaded.Errors, e => e.Path == "metadata.name");
        Assert.Null(loaded.Instrumentation);
    }
}
