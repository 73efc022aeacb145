using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhook.Admission;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Sources;

namespace Webhook.Benchmarks;

/// <summary>
/// The benchmark inputs, loaded once per process: three AdmissionReviews from <c>tests/testdata/bench/</c> (small,
/// typical Deployment pod, large; written by <c>bench/make-inputs</c>, each asking for Java) and the snapshot built
/// from <c>examples/</c>, the folder the load test serves. The Python and multi-language variants are derived here by
/// changing only <c>metadata.annotations</c>, so every language runs over the same pod.
/// </summary>
public static class Inputs
{
    private const string Prefix = "instrumentation.opentelemetry.io/";

    /// <summary>
    /// Pod size × language. No "small-multi": two languages need two containers to name, the small pod has one.
    /// BENCH_INPUTS (comma-separated, e.g. "typical-java,typical-python") runs a subset.
    /// </summary>
    public static IEnumerable<string> Cases { get; } = Selected(
        ["small-java", "small-python", "typical-java", "typical-python", "typical-multi", "large-java", "large-python", "large-multi"]);

    private static readonly Dictionary<string, BenchInput> s_loaded = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();
    private static InstrumentationSnapshot? s_snapshot;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static InjectionSettings Settings => InjectionSettings.Defaults;

    /// <summary>The Instrumentations of <c>examples/</c>, checked and defaulted as the webhook's folder source does.</summary>
    public static InstrumentationSnapshot Snapshot
    {
        get
        {
            lock (s_lock)
            {
                return s_snapshot ??= LoadSnapshot(Path.Combine(RepositoryRoot, "examples"));
            }
        }
    }

    public static BenchInput Get(string name)
    {
        lock (s_lock)
        {
            if (!s_loaded.TryGetValue(name, out var input))
            {
                s_loaded[name] = input = Load(name);
            }

            return input;
        }
    }

    private static string[] Selected(string[] all)
    {
        var wanted = Environment.GetEnvironmentVariable("BENCH_INPUTS");
        return string.IsNullOrWhiteSpace(wanted) ? all : all.Where(c => wanted.Split(',', StringSplitOptions.TrimEntries).Contains(c)).ToArray();
    }

    private static BenchInput Load(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var size = name[..dash];
        var language = name[(dash + 1)..];
        var path = Path.Combine(RepositoryRoot, "tests", "testdata", "bench", size + ".review.json");
        var bytes = File.ReadAllBytes(path);
        if (language != "java")
        {
            bytes = WithAnnotations(bytes, size, language);
        }

        return new BenchInput(name, bytes);
    }

    /// <summary>Re-targets a Java review at Python, or at Java and Python in different containers (multi-instrumentation).</summary>
    private static byte[] WithAnnotations(byte[] review, string size, string language)
    {
        var root = JsonNode.Parse(review)!;
        var annotations = root["request"]!["object"]!["metadata"]!["annotations"]!.AsObject();
        var containers = root["request"]!["object"]!["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        annotations.Remove(Prefix + "inject-java");
        switch (language)
        {
            case "python":
                annotations[Prefix + "inject-python"] = "true";
                break;
            case "multi":
                if (containers.Count < 2)
                {
                    throw new InvalidOperationException(size + ": multi-language needs two containers");
                }

                annotations.Remove(Prefix + "container-names");
                annotations[Prefix + "inject-java"] = "true";
                annotations[Prefix + "inject-python"] = "true";
                var half = containers.Count / 2;
                annotations[Prefix + "java-container-names"] = string.Join(',', containers.Take(half));
                annotations[Prefix + "python-container-names"] = string.Join(',', containers.Skip(half));
                break;
            default:
                throw new ArgumentException("unknown language " + language, nameof(language));
        }

        // Relaxed escaping keeps the bytes as the API server would send them ('+', '<' and '&' unescaped).
        // Written with a Utf8JsonWriter, not the serializer, so it also runs where reflection-based JSON is off (the tests).
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            root.WriteTo(writer);
        }

        return output.WrittenSpan.ToArray();
    }

    private static InstrumentationSnapshot LoadSnapshot(string folder)
    {
        var builder = new SnapshotBuilder(ImageDefaults.FromTable);
        var entries = new List<SnapshotEntry>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in DocumentReader.Read(File.ReadAllText(path), path))
            {
                var entry = builder.Read(document, "default");
                if (entry.Errors.Count > 0)
                {
                    throw new InvalidOperationException(path + ": " + string.Join("; ", entry.Errors));
                }

                entries.Add(entry);
            }
        }

        var snapshot = SnapshotBuilder.Build(entries);
        if (snapshot.Count == 0)
        {
            throw new InvalidOperationException(folder + " holds no Instrumentation");
        }

        return snapshot;
    }

    private static string FindRepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("WEBHOOK_REPOSITORY_ROOT") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var fromBuild = typeof(Inputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "Webhook.sln")))
        {
            return fromBuild;
        }

        throw new InvalidOperationException("cannot find the repository; set WEBHOOK_REPOSITORY_ROOT");
    }
}

/// <summary>One benchmark input: the review bytes and the ranges the engine reads from them.</summary>
public sealed class BenchInput
{
    public BenchInput(string name, byte[] review)
    {
        Name = name;
        Review = review;
        View = AdmissionReader.Read(review);
        Namespace = System.Text.Encoding.UTF8.GetString(review.AsSpan()[View.Namespace]);
    }

    public string Name { get; }

    public byte[] Review { get; }

    public AdmissionRequestView View { get; }

    public string Namespace { get; }

    public ReadOnlyMemory<byte> Pod => Review.AsMemory()[View.Object];

    public ReadOnlySpan<byte> Uid => Review.AsSpan()[View.Uid];
}
