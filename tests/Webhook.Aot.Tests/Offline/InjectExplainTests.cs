namespace Webhook.Tests.Offline;

/// <summary><c>inject --explain</c>: the decision per workload and language, and the mistakes it can see that the webhook cannot.</summary>
public sealed class InjectExplainTests : IDisposable
{
    private readonly InjectFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Explain_InjectedDeployment_SaysWhereFromAndWhatOfflineCannotKnow()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--explain");

        var where = input + ", document 2 (Deployment \"shop\"): ";
        Assert.Contains(where + "java: injected into app from Instrumentation demo/otel\n", run.Errors, StringComparison.Ordinal);
        Assert.Contains(where + "note: pods are taken as owned by the Deployment itself", run.Errors, StringComparison.Ordinal);
        Assert.Contains("k8s.replicaset.name is not set", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_LoadedInstrumentation_SaysWhichNamespaceItServes()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", ns: null), InjectFixture.Deployment("shop", ns: null));

        var run = InjectFixture.Run("-f", input, "--explain", "--namespace", "shop-ns");

        Assert.Contains(input + ", document 1 (Instrumentation \"otel\"): loaded as shop-ns/otel", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_AnnotationOnTheDeploymentsOwnMetadata_SaysItIsIgnoredAndWhereItBelongs()
    {
        var deployment = InjectFixture.Deployment("shop", "demo", templateAnnotations: "{}")
            .Replace("  namespace: demo", "  namespace: demo\n  annotations: {instrumentation.opentelemetry.io/inject-java: \"true\"}", StringComparison.Ordinal);
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), deployment);

        var run = InjectFixture.Run("-f", input, "--explain");

        Assert.Equal(0, run.ExitCode);
        var where = input + ", document 2 (Deployment \"shop\"): ";
        Assert.Contains(where + "metadata.annotations[instrumentation.opentelemetry.io/inject-java]: ignored here, the webhook reads it only from pods; "
            + "move it to spec.template.metadata.annotations\n", run.Errors, StringComparison.Ordinal);
        Assert.Contains(where + "no inject annotation on the pod template or its namespace\n", run.Errors, StringComparison.Ordinal);
        Assert.False(PodSpecs.IsJavaInjected(PodSpecs.At(run.Document(1), "spec", "template", "spec")));
    }

    [Fact]
    public void Explain_AnnotationOnACronJobsJobTemplate_PointsAtThePodTemplate()
    {
        var cronJob = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: demo}
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                metadata:
                  annotations: {instrumentation.opentelemetry.io/inject-java: "true"}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: app, image: example/report:1.0.0}]
            """;
        var input = _files.Write("cron.yaml", InjectFixture.Instrumentation("otel", "demo"), cronJob);

        var run = InjectFixture.Run("-f", input);

        Assert.Contains("(CronJob \"report\"): spec.jobTemplate.metadata.annotations[instrumentation.opentelemetry.io/inject-java]: ignored here, "
            + "the webhook reads it only from pods; move it to spec.jobTemplate.spec.template.metadata.annotations", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_TemplateAskingForNothing_SaysSo()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo", templateAnnotations: "{team: shop}"));

        var run = InjectFixture.Run("-f", input, "--explain");

        Assert.Equal(input + ", document 1 (Deployment \"shop\"): no inject annotation on the pod template or its namespace\n", run.Errors);
    }

    [Fact]
    public void Explain_MissingInstrumentation_IsOneDecisionNotARepeatedWarning()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input, "--explain");

        var line = input + ", document 1 (Deployment \"shop\"): java: not injected: spec.template.metadata.annotations[inject-java]: "
            + "no Instrumentation in namespace \"demo\"";
        Assert.Contains(line, run.Errors, StringComparison.Ordinal);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Explain_LanguageLeftOutBecauseAnotherFailed_IsStillNamed()
    {
        var annotations = "{instrumentation.opentelemetry.io/inject-java: \"true\", instrumentation.opentelemetry.io/inject-nodejs: missing}";
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo", annotations));

        var run = InjectFixture.Run("-f", input, "--explain");

        var where = input + ", document 2 (Deployment \"shop\"): ";
        Assert.Contains(where + "nodejs: not injected: spec.template.metadata.annotations[inject-nodejs]: no Instrumentation \"missing\"", run.Errors, StringComparison.Ordinal);
        Assert.Contains(where + "java: not injected: the pod template was left unchanged (see above)", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_WithoutExplain_PrintsNoDecisions()
    {
        var input = _files.Write("deploy.yaml", InjectFixture.Instrumentation("otel", "demo"), InjectFixture.Deployment("shop", "demo"));

        var run = InjectFixture.Run("-f", input);

        Assert.Equal("", run.Errors);
    }
}
