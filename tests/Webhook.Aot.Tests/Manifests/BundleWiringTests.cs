using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>The bundle's objects point at one another: a wrong name or label here means a webhook nobody answers.</summary>
public sealed class BundleWiringTests
{
    private static readonly BundleRun s_bundle = BundleRun.Of();

    [Fact]
    public void Service_Selector_SelectsTheDeploymentsPods()
    {
        var podLabels = s_bundle.Deployment.Spec.Template.Metadata.Labels;

        Assert.NotEmpty(s_bundle.Service.Spec.Selector);
        Assert.All(s_bundle.Service.Spec.Selector, label => Assert.Equal(label.Value, podLabels[label.Key]));
    }

    [Fact]
    public void Deployment_Selector_MatchesItsOwnTemplateAndTheDisruptionBudgetAndSpread()
    {
        var podLabels = s_bundle.Deployment.Spec.Template.Metadata.Labels;
        var budget = s_bundle.Model<V1PodDisruptionBudget>("PodDisruptionBudget");
        var spread = Assert.Single(s_bundle.PodSpec.TopologySpreadConstraints);

        foreach (var selector in new[] { s_bundle.Deployment.Spec.Selector, budget.Spec.Selector, spread.LabelSelector })
        {
            Assert.Null(selector.MatchExpressions);
            Assert.NotEmpty(selector.MatchLabels);
            Assert.All(selector.MatchLabels, label => Assert.Equal(label.Value, podLabels[label.Key]));
        }
    }

    [Fact]
    public void Service_TargetPort_IsTheContainerPortTheProbesUse()
    {
        var port = Assert.Single(s_bundle.Service.Spec.Ports);
        var containerPort = Assert.Single(s_bundle.Container.Ports).ContainerPort;

        Assert.Equal(443, port.Port);
        Assert.Equal(9443, containerPort);
        Assert.Equal(containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), port.TargetPort.Value);
        Assert.Equal(containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), s_bundle.Container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), s_bundle.Container.LivenessProbe.HttpGet.Port.Value);
    }

    [Fact]
    public void Probes_AskTheServerOverHttps_ReadinessAndLiveness()
    {
        Assert.Equal(("HTTPS", "/readyz"), (s_bundle.Container.ReadinessProbe.HttpGet.Scheme, s_bundle.Container.ReadinessProbe.HttpGet.Path));
        Assert.Equal(("HTTPS", "/healthz"), (s_bundle.Container.LivenessProbe.HttpGet.Scheme, s_bundle.Container.LivenessProbe.HttpGet.Path));
    }

    [Fact]
    public void Webhooks_ClientConfig_CallTheServiceOnItsPortAndTheServersPaths()
    {
        var service = s_bundle.Service;
        var mutating = s_bundle.MutatingWebhook.ClientConfig.Service;
        var validating = s_bundle.ValidatingWebhook.ClientConfig.Service;

        foreach (var reference in new[] { mutating, validating })
        {
            Assert.Equal(service.Metadata.Name, reference.Name);
            Assert.Equal(service.Metadata.NamespaceProperty, reference.NamespaceProperty);
            Assert.Equal(service.Spec.Ports[0].Port, reference.Port);
        }

        Assert.Equal("/mutate-v1-pod", mutating.Path);
        Assert.Equal("/validate-v1alpha1-instrumentation", validating.Path);
    }

    [Fact]
    public void MutatingWebhook_Registration_IsPodCreateFailingOpenAndReinvokable()
    {
        var webhook = s_bundle.MutatingWebhook;
        var rule = Assert.Single(webhook.Rules);

        Assert.Equal("mpod.otel-webhook.io", webhook.Name);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["v1"], rule.ApiVersions);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["CREATE"], rule.Operations);
        Assert.Equal("Ignore", webhook.FailurePolicy);
        Assert.Equal(5, webhook.TimeoutSeconds);
        Assert.Equal("NoneOnDryRun", webhook.SideEffects);
        Assert.Equal("IfNeeded", webhook.ReinvocationPolicy);
        Assert.Equal(["v1"], webhook.AdmissionReviewVersions);
    }

    [Fact]
    public void MutatingWebhook_NamespaceSelector_LeavesOutKubeSystemAndItsOwnNamespace()
    {
        var expression = Assert.Single(s_bundle.MutatingWebhook.NamespaceSelector.MatchExpressions);

        Assert.Null(s_bundle.MutatingWebhook.NamespaceSelector.MatchLabels);
        Assert.Equal("kubernetes.io/metadata.name", expression.Key);
        Assert.Equal("NotIn", expression.OperatorProperty);
        Assert.Equal(["kube-system", "opentelemetry-webhook"], expression.Values);
        Assert.Equal("opentelemetry-webhook", s_bundle.Deployment.Metadata.NamespaceProperty);
    }

    [Fact]
    public void ValidatingWebhook_Registration_ChecksInstrumentationCreateAndUpdateFailingClosed()
    {
        var webhook = s_bundle.ValidatingWebhook;
        var rule = Assert.Single(webhook.Rules);

        Assert.Equal(["opentelemetry.io"], rule.ApiGroups);
        Assert.Equal(["v1alpha1"], rule.ApiVersions);
        Assert.Equal(["instrumentations"], rule.Resources);
        Assert.Equal(["CREATE", "UPDATE"], rule.Operations);
        Assert.Equal("Fail", webhook.FailurePolicy);
        Assert.Equal("None", webhook.SideEffects);
        Assert.Equal(["v1"], webhook.AdmissionReviewVersions);
    }

    [Fact]
    public void ClusterRoleBinding_Subject_IsTheServiceAccountTheDeploymentRunsAs()
    {
        var account = s_bundle.Model<V1ServiceAccount>("ServiceAccount");
        var binding = s_bundle.Model<V1ClusterRoleBinding>("ClusterRoleBinding");
        var role = s_bundle.Model<V1ClusterRole>("ClusterRole");
        var subject = Assert.Single(binding.Subjects);

        Assert.Equal(account.Metadata.Name, s_bundle.PodSpec.ServiceAccountName);
        Assert.Equal(("ServiceAccount", account.Metadata.Name, account.Metadata.NamespaceProperty), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.Equal(s_bundle.Deployment.Metadata.NamespaceProperty, account.Metadata.NamespaceProperty);
        Assert.Equal(("rbac.authorization.k8s.io", "ClusterRole", role.Metadata.Name), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
    }

    [Fact]
    public void ClusterRole_Rules_GrantExactlyReadingInstrumentationsAndNamespacesAndWritingEvents()
    {
        Assert.Equal(
            ["/namespaces:get", "/namespaces:list", "/namespaces:watch",
             "events.k8s.io/events:create", "events.k8s.io/events:patch",
             "opentelemetry.io/instrumentations:get", "opentelemetry.io/instrumentations:list", "opentelemetry.io/instrumentations:watch"],
            Granted(s_bundle));
        Assert.DoesNotContain("--events=false", s_bundle.Container.Args);
    }

    [Fact]
    public void ClusterRole_EventsOff_GrantsOnlyReadingAndTheServerIsToldSo()
    {
        var bundle = BundleRun.Of("--events=false");

        Assert.Equal(
            ["/namespaces:get", "/namespaces:list", "/namespaces:watch",
             "opentelemetry.io/instrumentations:get", "opentelemetry.io/instrumentations:list", "opentelemetry.io/instrumentations:watch"],
            Granted(bundle));
        Assert.Contains("--events=false", bundle.Container.Args);
    }

    [Fact]
    public void Manifests_EventsNotABoolean_IsAUsageError()
    {
        var run = BundleRun.Of("--events=maybe");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--events=maybe is not a boolean", run.Errors);
    }

    private static IEnumerable<string> Granted(BundleRun bundle)
    {
        var role = bundle.Model<V1ClusterRole>("ClusterRole");
        Assert.Null(role.AggregationRule);
        Assert.All(role.Rules, rule => Assert.True(rule.ResourceNames is null && rule.NonResourceURLs is null));
        return role.Rules
            .SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource => rule.Verbs.Select(verb => group + "/" + resource + ":" + verb))))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void Deployment_CertVolume_IsTheTlsSecretMountedReadOnlyAtTheCertDir()
    {
        var mount = Assert.Single(s_bundle.Container.VolumeMounts);
        var volume = Assert.Single(s_bundle.PodSpec.Volumes);
        var secret = s_bundle.Model<V1Secret>("Secret");

        Assert.Equal(volume.Name, mount.Name);
        Assert.Equal("/tmp/k8s-webhook-server/serving-certs", mount.MountPath);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(secret.Metadata.Name, volume.Secret.SecretName);
        Assert.Equal("otel-webhook-tls", secret.Metadata.Name);
        Assert.Equal(s_bundle.Deployment.Metadata.NamespaceProperty, secret.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Deployment_Shape_TwoSpreadReplicasWithTheNamespaceInTheEnvironment()
    {
        var spread = Assert.Single(s_bundle.PodSpec.TopologySpreadConstraints);
        var env = Assert.Single(s_bundle.Container.Env);

        Assert.Equal(2, s_bundle.Deployment.Spec.Replicas);
        Assert.Equal(("kubernetes.io/hostname", "ScheduleAnyway", 1), (spread.TopologyKey, spread.WhenUnsatisfiable, spread.MaxSkew));
        Assert.Equal(("POD_NAMESPACE", "metadata.namespace"), (env.Name, env.ValueFrom.FieldRef.FieldPath));
        Assert.Equal(1, int.Parse(s_bundle.Model<V1PodDisruptionBudget>("PodDisruptionBudget").Spec.MinAvailable.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Deployment_Resources_RequestAndLimitMemoryWithoutACpuLimit()
    {
        var resources = s_bundle.Container.Resources;

        Assert.Equal(new ResourceQuantity("50m"), resources.Requests["cpu"]);
        Assert.Equal(new ResourceQuantity("64Mi"), resources.Requests["memory"]);
        Assert.Equal(new ResourceQuantity("256Mi"), resources.Limits["memory"]);
        Assert.False(resources.Limits.ContainsKey("cpu"));
        Assert.True(resources.Requests["memory"].ToInt64() <= resources.Limits["memory"].ToInt64());
    }
}
