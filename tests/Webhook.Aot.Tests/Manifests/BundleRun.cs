using System.Text.Json.Nodes;
using Webhook.Commands;
using k8s.Models;
using Webhook.Documents;

namespace Webhook.Tests.Manifests;

/// <summary>One run of <c>otel-webhook manifests</c> through the binary's entry point, with its output read back.</summary>
public sealed class BundleRun
{
    private BundleRun(int exitCode, string output, string errors)
    {
        ExitCode = exitCode;
        Output = output;
        Errors = errors;
        Documents = exitCode == 0 ? DocumentReader.Read(output, "manifests") : [];
    }

    public int ExitCode { get; }

    public string Output { get; }

    public string Errors { get; }

    public IReadOnlyList<SourceDocument> Documents { get; }

    public static BundleRun Of(params string[] arguments)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandShell.Run(["manifests", .. arguments], output, errors);
        return new BundleRun(exitCode, output.ToString(), errors.ToString());
    }

    public SourceDocument Single(string kind) => Assert.Single(Documents, document => document.Kind == kind);

    public T Model<T>(string kind) => KubernetesModels.Parse<T>(Single(kind));

    public JsonObject Json(string kind) => (JsonObject)JsonNode.Parse(Single(kind).Json)!;

    public V1Deployment Deployment => Model<V1Deployment>("Deployment");

    public V1PodSpec PodSpec => Deployment.Spec.Template.Spec;

    public V1Container Container => Assert.Single(PodSpec.Containers);

    public V1Service Service => Model<V1Service>("Service");

    public V1MutatingWebhook MutatingWebhook => Assert.Single(Model<V1MutatingWebhookConfiguration>("MutatingWebhookConfiguration").Webhooks);

    public V1ValidatingWebhook ValidatingWebhook => Assert.Single(Model<V1ValidatingWebhookConfiguration>("ValidatingWebhookConfiguration").Webhooks);
}
