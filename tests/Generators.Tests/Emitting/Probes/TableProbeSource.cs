namespace Webhook.Generators.Tests.Emitting.Probes;

/// <summary>C# compiled next to the generated injection table: its lookups with reflection-friendly signatures.</summary>
public static class TableProbeSource
{
    public const string TypeName = "Probe.TableProbe";

    public const string Text = """
        using Webhook.Injection;

        namespace Probe;

        public static class TableProbe
        {
            public static string? Classify(byte[] key)
                => InjectionTable.TryClassifyAnnotation(key, out var language, out var role) ? language + "/" + role : null;

            public static string? ByName(string name) => InjectionTable.TryGetByName(name, out var language) ? language.ToString() : null;

            public static string[] All() => InjectionTable.All.Select(r => (int)r.Language + ":" + r.Language + "=" + r.Name).ToArray();

            public static string[] InValidationOrder() => InjectionTable.InValidationOrder.Select(r => r.Name).ToArray();

            public static string[] GetEach() => Enum.GetValues<Language>().Select(l => l + "=" + InjectionTable.Get(l).Name).ToArray();
        }
        """;
}
