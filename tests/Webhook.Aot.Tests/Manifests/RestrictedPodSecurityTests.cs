using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>
/// The Deployment's pod template against the "restricted" Pod Security Standard, rule by rule
/// (https://kubernetes.io/docs/concepts/security/pod-security-standards/, baseline rules included), so a namespace
/// labelled <c>pod-security.kubernetes.io/enforce: restricted</c> admits it.
/// </summary>
public sealed class RestrictedPodSecurityTests
{
    private static readonly string[] s_restrictedVolumeTypes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    private static readonly BundleRun s_bundle = BundleRun.Of();

    private static V1PodSpec Pod => s_bundle.PodSpec;

    private static IEnumerable<V1Container> AllContainers =>
        Pod.Containers.Concat(Pod.InitContainers ?? []);

    [Fact]
    public void PodSecurity_HostNamespaces_AreNotShared()
    {
        Assert.NotEqual(true, Pod.HostNetwork);
        Assert.NotEqual(true, Pod.HostPID);
        Assert.NotEqual(true, Pod.HostIPC);
    }

    [Fact]
    public void PodSecurity_Containers_AreNotPrivilegedOrHostProcesses()
    {
        Assert.NotEqual(true, Pod.SecurityContext.WindowsOptions?.HostProcess);
        Assert.All(AllContainers, container =>
        {
            Assert.NotEqual(true, container.SecurityContext.Privileged);
            Assert.NotEqual(true, container.SecurityContext.WindowsOptions?.HostProcess);
        });
    }

    [Fact]
    public void PodSecurity_HostPorts_AreNotUsed()
    {
        Assert.All(AllContainers, container => Assert.All(container.Ports ?? [], port => Assert.True(port.HostPort is null or 0)));
    }

    [Fact]
    public void PodSecurity_Volumes_AreOnlyOfTheAllowedTypes()
    {
        var volumes = s_bundle.Json("Deployment")["spec"]!["template"]!["spec"]!["volumes"]!.AsArray();

        Assert.NotEmpty(volumes);
        Assert.All(volumes, volume =>
        {
            var type = Assert.Single(volume!.AsObject(), member => member.Key != "name").Key;
            Assert.Contains(type, s_restrictedVolumeTypes);
        });
    }

    [Fact]
    public void PodSecurity_PrivilegeEscalation_IsForbiddenInEveryContainer()
    {
        Assert.All(AllContainers, container => Assert.Equal(false, container.SecurityContext.AllowPrivilegeEscalation));
    }

    [Fact]
    public void PodSecurity_RunAsNonRoot_IsSetForThePod()
    {
        Assert.Equal(true, Pod.SecurityContext.RunAsNonRoot);
        Assert.All(AllContainers, container => Assert.NotEqual(false, container.SecurityContext.RunAsNonRoot));
    }

    [Fact]
    public void PodSecurity_RunAsUser_IsNeverRoot()
    {
        Assert.Equal(65532, Pod.SecurityContext.RunAsUser);
        Assert.All(AllContainers, container => Assert.NotEqual(0, container.SecurityContext.RunAsUser));
    }

    [Fact]
    public void PodSecurity_Seccomp_IsRuntimeDefaultAndNeverUnconfined()
    {
        Assert.Equal("RuntimeDefault", Pod.SecurityContext.SeccompProfile.Type);
        Assert.All(AllContainers, container => Assert.NotEqual("Unconfined", container.SecurityContext.SeccompProfile?.Type));
    }

    [Fact]
    public void PodSecurity_Capabilities_DropAllAndAddNothing()
    {
        Assert.All(AllContainers, container =>
        {
            Assert.Contains("ALL", container.SecurityContext.Capabilities.Drop);
            Assert.True(container.SecurityContext.Capabilities.Add is null or { Count: 0 });
        });
    }

    [Fact]
    public void PodSecurity_ProfilesSelinuxProcMountSysctls_AreLeftAtTheirSafeDefaults()
    {
        Assert.Null(Pod.SecurityContext.AppArmorProfile);
        Assert.Null(Pod.SecurityContext.SeLinuxOptions);
        Assert.Null(Pod.SecurityContext.Sysctls);
        Assert.All(AllContainers, container =>
        {
            Assert.Null(container.SecurityContext.AppArmorProfile);
            Assert.Null(container.SecurityContext.SeLinuxOptions);
            Assert.True(container.SecurityContext.ProcMount is null or "Default");
        });
    }

    [Fact]
    public void PodSecurity_RootFilesystem_IsReadOnly()
    {
        Assert.All(AllContainers, container => Assert.Equal(true, container.SecurityContext.ReadOnlyRootFilesystem));
    }
}
