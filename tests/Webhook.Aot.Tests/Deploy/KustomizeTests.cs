using System.Diagnostics;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Tests.Manifests;

namespace Webhook.Tests.Deploy;

/// <summary>
/// deploy/kustomize renders, with <c>kubectl kustomize</c>, the objects <c>otel-webhook manifests</c> prints: a change to
/// the bundle that the committed files miss (or the other way round) fails here. kubectl must be installed; the test
/// fails, never skips, without it.
/// </summary>
public sealed class KustomizeTests
{
    private static readonly string s_kustomize = Path.Combine(AppContext.BaseDirectory, "deploy", "kustomize");

    [Fact]
    public void CertManagerOverlay_Rendered_IsTheCertManagerBundleObjectForObject()
    {
        var rendered = Objects(DocumentReader.Read(Kustomize(Path.Combine(s_kustomize, "overlays", "cert-manager")), "kubectl kustomize overlays/cert-manager"));
        var bundle = Objects(BundleRun.Of("--cert-manager").Documents);

        Assert.Equal(bundle.Keys.Order(StringComparer.Ordinal), rendered.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in bundle)
        {
            Assert.True(JsonNode.DeepEquals(expected, rendered[key]),
                key + " differs: deploy/kustomize has\n" + rendered[key].ToJsonString() + "\nmanifests --cert-manager prints\n" + expected.ToJsonString()
                + "\nUpdate deploy/kustomize/base (or the overlay) from `otel-webhook manifests --cert-manager`.");
        }
    }

    /// <summary>Objects by apiVersion, kind, namespace and name; an empty annotations or labels map counts as none (kustomize drops it).</summary>
    private static Dictionary<string, JsonNode> Objects(IReadOnlyList<SourceDocument> documents)
    {
        var objects = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var json = JsonNode.Parse(document.Json)!;
            if (json["metadata"] is JsonObject metadata)
            {
                foreach (var map in (string[])["annotations", "labels"])
                {
                    if (metadata[map] is JsonObject { Count: 0 })
                    {
                        metadata.Remove(map);
                    }
                }
            }

            objects.Add(document.ApiVersion + " " + document.Kind + " " + (document.Namespace ?? "-") + "/" + document.Name, json);
        }

        return objects;
    }

    private static string Kustomize(string folder)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException("kubectl is needed to render deploy/kustomize and was not found (" + e.Message
                + "); install it, e.g. Debian's kubernetes-client package: apt-get install kubernetes-client");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException("kubectl kustomize " + folder + " did not finish within 120 s");
            }

            Assert.True(process.ExitCode == 0, "kubectl kustomize " + folder + " exited " + process.ExitCode + ": " + errors.Result);
            return output.Result;
        }
    }
}
