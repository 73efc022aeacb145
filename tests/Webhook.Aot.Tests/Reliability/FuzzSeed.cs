using System.Text;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Injection;

namespace Webhook.Tests.Reliability;

/// <summary>A well-formed AdmissionReview to mutate, with the snapshot and settings it is admitted against.</summary>
public sealed record FuzzSeed(string Name, JsonObject Review, InstrumentationSnapshot Snapshot, InjectionSettings Settings)
{
    public byte[] Bytes => Encoding.UTF8.GetBytes(Review.ToJsonString());

    /// <summary>The pod of every injection case (tests/testdata/injection) wrapped into a review for its namespace.</summary>
    public static IEnumerable<FuzzSeed> InjectionCases()
    {
        foreach (var name in InjectionCase.All().Select(row => (string)row[0]))
        {
            yield return FromCase(name);
        }
    }

    public static FuzzSeed FromCase(string name)
    {
        var injection = InjectionCase.Load(name);
        return new FuzzSeed(name, ReviewEnvelope.Wrap(injection.Pod, injection.Namespace, "uid-" + name), injection.Snapshot, injection.Settings);
    }

    /// <summary>A review of tests/testdata/admission, against the Instrumentation of examples/ (namespace demo).</summary>
    public static FuzzSeed AdmissionReview(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "admission", file);
        return new FuzzSeed(file, JsonNode.Parse(File.ReadAllText(path))!.AsObject(), s_exampleSnapshot.Value, InjectionSettings.Defaults);
    }

    private static readonly Lazy<InstrumentationSnapshot> s_exampleSnapshot = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "instrumentation.yaml");
        var loader = new InstrumentationLoader(ImageDefaults.FromTable);
        var instrumentations = DocumentReader.Read(File.ReadAllText(path), path).Select(d => loader.Load(d).Instrumentation!).ToList();
        return new InstrumentationSnapshot(instrumentations, []);
    });

    public override string ToString() => Name;
}
