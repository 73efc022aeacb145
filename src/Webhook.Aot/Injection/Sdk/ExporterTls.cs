using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Sdk;

/// <summary>The exporter TLS part of the SDK step (shared spec §7.6): env vars for the files, Secret and ConfigMap volumes.</summary>
public static class ExporterTls
{
    private const int MaxVolumeName = 63;

    public static void Apply(InjectionContext context, ContainerView container, Crd.Tls tls)
    {
        var secret = tls.SecretName ?? "";
        var configMap = tls.ConfigMapName ?? "";
        var secretMount = "/otel-auto-instrumentation-secret-" + secret;
        var configMapMount = "/otel-auto-instrumentation-configmap-" + configMap;
        if (tls.CaFile is { Length: > 0 } ca)
        {
            var path = ca.StartsWith('/') ? ca : (configMap.Length > 0 ? configMapMount : secretMount) + "/" + ca;
            EnvList.AppendIfAbsent(container.Env, EnvEntry.Literal("OTEL_EXPORTER_OTLP_CERTIFICATE", path));
        }

        if (tls.CertFile is { Length: > 0 } cert)
        {
            EnvList.AppendIfAbsent(container.Env, EnvEntry.Literal("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", cert.StartsWith('/') ? cert : secretMount + "/" + cert));
        }

        if (tls.KeyFile is { Length: > 0 } key)
        {
            EnvList.AppendIfAbsent(container.Env, EnvEntry.Literal("OTEL_EXPORTER_OTLP_CLIENT_KEY", key.StartsWith('/') ? key : secretMount + "/" + key));
        }

        if (secret.Length > 0)
        {
            AddVolume(context, container, VolumeName("otel-auto-secret-", secret), secretMount, "secret"u8, "secretName"u8, secret);
        }

        if (configMap.Length > 0)
        {
            AddVolume(context, container, VolumeName("otel-auto-configmap-", configMap), configMapMount, "configMap"u8, "name"u8, configMap);
        }
    }

    /// <summary>A read-only volume of a Secret or ConfigMap, and its mount in the container.</summary>
    private static void AddVolume(InjectionContext context, ContainerView container, string volume, string mountPath,
        ReadOnlySpan<byte> sourceKind, ReadOnlySpan<byte> nameField, string sourceName)
    {
        var fragments = context.Changes.Fragments;
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, volume);
        writer.WriteStartObject(sourceKind);
        writer.WriteString(nameField, sourceName);
        writer.WriteEndObject();
        writer.WriteEndObject();
        context.Changes.AddVolume(volume, fragments.End());
        context.Changes.AddMount(container, volume, mountPath, readOnly: true);
    }

    /// <summary>
    /// The operator's truncation: at most 63 characters, cut from the end of the variable part, then non-alphanumeric
    /// characters trimmed from both ends; if still too long, a hard cut. Unlike the operator, a '.' (allowed in Secret
    /// and ConfigMap names, not in volume names) becomes '-', so the pod is not rejected by the API server.
    /// </summary>
    public static string VolumeName(string prefix, string name)
    {
        name = name.Replace('.', '-');
        var full = prefix + name;
        if (full.Length > MaxVolumeName)
        {
            full = prefix + name[..Math.Max(0, MaxVolumeName - prefix.Length)];
        }

        full = full.Trim().TrimStart(NonAlphanumeric(full)).TrimEnd(NonAlphanumeric(full));
        return full.Length > MaxVolumeName ? full[..MaxVolumeName] : full;
    }

    private static char[] NonAlphanumeric(string text) => text.Where(c => !char.IsAsciiLetterOrDigit(c)).Distinct().ToArray();
}
