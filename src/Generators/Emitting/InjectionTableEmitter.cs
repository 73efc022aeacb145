using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Model;
using Webhook.Generators.Parsing;

namespace Webhook.Generators.Emitting;

/// <summary>
/// Writes the <c>Language</c> enum and the static <c>InjectionTable</c>: one rule object per language and
/// allocation-free annotation lookups (a switch on length, then the bytes). A pure function of the table.
/// </summary>
public static class InjectionTableEmitter
{
    public const string Namespace = "Webhook.Injection";
    private const string Immutable = "global::System.Collections.Immutable.ImmutableArray";

    public static void Emit(SourceProductionContext context, LanguageTable? table)
    {
        if (table is null)
        {
            return;
        }

        try
        {
            context.AddSource("InjectionTableGenerator.Language.g.cs", SourceText.From(EmitLanguageEnum(table), System.Text.Encoding.UTF8));
            context.AddSource("InjectionTableGenerator.InjectionTable.g.cs", SourceText.From(EmitTable(table), System.Text.Encoding.UTF8));
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Diagnostics.Descriptors.GeneratorFault, Location.None, "the injection table", e.Message));
        }
    }

    public static string EmitLanguageEnum(LanguageTable table)
    {
        var w = new SourceWriter().Header();
        w.Line("namespace " + Namespace + ";").Line();
        w.Line("/// <summary>The languages of the injection table, in the order the operator injects them.</summary>");
        w.Open("public enum Language : byte");
        var index = 0;
        foreach (var language in InInjectionOrder(table))
        {
            w.Summary(language.DisplayName + " (" + language.InjectAnnotation + ").");
            w.Line(MemberName(language) + " = " + SourceWriter.Number(index++) + ",");
        }

        w.Close();
        return w.ToString();
    }

    public static string EmitTable(LanguageTable table)
    {
        var languages = InInjectionOrder(table);
        var w = new SourceWriter().Header();
        w.Line("namespace " + Namespace + ";").Line();
        w.Line("/// <summary>The per-language injection rules of schema/languages.json.</summary>");
        w.Open("public static partial class InjectionTable");
        w.Line("public const string AnnotationPrefix = " + SourceWriter.Literal(table.AnnotationPrefix) + ";");
        w.Line("public const string ContainerNamesAnnotation = " + SourceWriter.Literal(table.ContainerNamesAnnotation) + ";");
        w.Line("public const string DefaultVolumeSizeLimit = " + SourceWriter.Literal(table.DefaultVolumeSizeLimit) + ";").Line();
        w.Line("public static global::System.ReadOnlySpan<byte> ContainerNamesAnnotationUtf8 => " + SourceWriter.Literal(table.ContainerNamesAnnotation) + "u8;").Line();
        w.Line("public static readonly global::Webhook.Injection.Table.SwitchRule MultiInstrumentation = " + Switch(table.MultiInstrumentation) + ";").Line();

        foreach (var language in languages)
        {
            EmitRule(w, language);
        }

        w.Line("/// <summary>Every language, in injection order; index with <c>(int)Language</c>.</summary>");
        w.Line("public static readonly " + Immutable + "<global::Webhook.Injection.Table.LanguageRule> All = " + Immutable + ".Create("
            + string.Join(", ", languages.Select(MemberName)) + ");").Line();
        w.Line("/// <summary>Every language, in the order multi-instrumentation checks run.</summary>");
        w.Line("public static readonly " + Immutable + "<global::Webhook.Injection.Table.LanguageRule> InValidationOrder = " + Immutable + ".Create("
            + string.Join(", ", table.Languages.OrderBy(l => l.ValidationOrder).Select(MemberName)) + ");").Line();
        w.Line("public static global::Webhook.Injection.Table.LanguageRule Get(global::Webhook.Injection.Language language) => All[(int)language];").Line();

        EmitNameLookup(w, languages);
        EmitAnnotationLookup(w, languages);
        w.Close();
        return w.ToString();
    }

    private static void EmitRule(SourceWriter w, LanguageEntry language)
    {
        w.Summary(language.DisplayName + ".");
        w.Open("public static readonly global::Webhook.Injection.Table.LanguageRule " + MemberName(language) + " = new()");
        w.Line("Language = global::Webhook.Injection.Language." + MemberName(language) + ",");
        w.Line("Name = " + SourceWriter.Literal(language.Name) + ",");
        w.Line("DisplayName = " + SourceWriter.Literal(language.DisplayName) + ",");
        w.Line("SpecField = " + Nullable(language.SpecField) + ",");
        w.Line("InjectAnnotation = " + SourceWriter.Literal(language.InjectAnnotation) + ",");
        w.Line("InjectAnnotationUtf8 = " + SourceWriter.Literal(language.InjectAnnotation) + "u8.ToArray(),");
        w.Line("ContainerNamesAnnotation = " + SourceWriter.Literal(language.ContainerNamesAnnotation) + ",");
        w.Line("Switch = " + (language.Switch is null ? "null" : Switch(language.Switch)) + ",");
        w.Line("Image = " + (language.Image is null ? "null" : Image(language.Image)) + ",");
        w.Line("BlockedUpgrades = " + List("global::Webhook.Injection.Table.BlockedUpgrade", language.BlockedUpgrades.Select(b =>
            "new(" + SourceWriter.Literal(b.Version) + ", " + SourceWriter.Literal(b.Message) + ")")) + ",");
        w.Line("ResourcesField = " + Nullable(language.ResourcesField) + ",");
        w.Line("DefaultLimits = " + Pairs(language.Limits) + ",");
        w.Line("DefaultRequests = " + Pairs(language.Requests) + ",");
        w.Line("SpecDefaults = " + Pairs(language.SpecDefaults) + ",");
        w.Line("ValidationOrder = " + SourceWriter.Number(language.ValidationOrder) + ",");
        w.Line("Hook = global::Webhook.Injection.Table.InjectionHook." + SchemaTypeMapping.Pascal(language.Hook) + ",");
        w.Line("SupportsInitContainerTargets = " + (language.SupportsInitContainerTargets ? "true" : "false") + ",");
        w.Line("OtlpProtocols = " + Strings(language.OtlpProtocols) + ",");
        w.Line("RuntimeImages = " + Strings(language.RuntimeImages) + ",");
        w.Line("Platform = " + (language.Platform is null ? "null" : Platform(language.Platform)) + ",");
        w.Line("Volume = " + (language.Volume is null ? "null" : "new(" + SourceWriter.Literal(language.Volume.Name) + ", "
            + Bool(language.Volume.ClaimTemplate) + ", " + Bool(language.Volume.SizeLimit) + ")") + ",");
        w.Line("InitContainer = " + (language.InitContainer is null ? "null" : "new(" + SourceWriter.Literal(language.InitContainer.Name) + ", "
            + Strings(language.InitContainer.Command) + ", " + SourceWriter.Literal(language.InitContainer.MountPath) + ")") + ",");
        w.Line("ContainerMountPath = " + Nullable(language.ContainerMountPath) + ",");
        w.Line("SkipWhenValueFrom = " + Strings(language.SkipWhenValueFrom) + ",");
        w.Line("SkipWhenPresent = " + List("global::Webhook.Injection.Table.PresenceGuard", language.SkipWhenPresent.Select(g =>
            "new(" + SourceWriter.Literal(g.Name) + ", global::Webhook.Injection.Table.GuardScope." + SchemaTypeMapping.Pascal(g.In) + ", " + SourceWriter.Literal(g.Reason) + ")")) + ",");
        w.Line("Env = " + List("global::Webhook.Injection.Table.EnvRule", language.Env.Select(Env)) + ",");
        w.Line("Messages = new(" + Nullable(language.Messages.Disabled) + ", " + SourceWriter.Literal(language.Messages.Injecting) + ", "
            + Nullable(language.Messages.Skipping) + "),");
        w.Close(";").Line();
    }

    private static void EmitNameLookup(SourceWriter w, List<LanguageEntry> languages)
    {
        w.Line("/// <summary>Finds a language by its table name (<c>java</c>, <c>apache-httpd</c>).</summary>");
        w.Open("public static bool TryGetByName(string name, out global::Webhook.Injection.Language language)");
        w.Open("switch (name)");
        foreach (var language in languages)
        {
            w.Line("case " + SourceWriter.Literal(language.Name) + ": language = global::Webhook.Injection.Language." + MemberName(language) + "; return true;");
        }

        w.Close();
        w.Line("language = default;");
        w.Line("return false;");
        w.Close().Line();
    }

    private static void EmitAnnotationLookup(SourceWriter w, List<LanguageEntry> languages)
    {
        var keys = new List<(string Key, LanguageEntry Language, string Role)>();
        foreach (var language in languages)
        {
            keys.Add((language.InjectAnnotation, language, "Inject"));
            keys.Add((language.ContainerNamesAnnotation, language, "ContainerNames"));
            if (language.Platform is { } platform)
            {
                keys.Add((platform.Annotation, language, "Platform"));
            }
        }

        w.Line("/// <summary>Classifies a pod annotation key without allocating: a switch on the length, then the bytes.</summary>");
        w.Open("public static bool TryClassifyAnnotation(global::System.ReadOnlySpan<byte> key, out global::Webhook.Injection.Language language, out global::Webhook.Injection.Table.AnnotationRole role)");
        w.Open("switch (key.Length)");
        foreach (var group in keys.GroupBy(k => System.Text.Encoding.UTF8.GetByteCount(k.Key)).OrderBy(g => g.Key))
        {
            w.Line("case " + SourceWriter.Number(group.Key) + ":").Indent();
            foreach (var entry in group)
            {
                w.Open("if (global::System.MemoryExtensions.SequenceEqual(key, " + SourceWriter.Literal(entry.Key) + "u8))");
                w.Line("language = global::Webhook.Injection.Language." + MemberName(entry.Language) + ";");
                w.Line("role = global::Webhook.Injection.Table.AnnotationRole." + entry.Role + ";");
                w.Line("return true;");
                w.Close();
            }

            w.Line("break;").Outdent();
        }

        w.Close();
        w.Line("language = default;");
        w.Line("role = default;");
        w.Line("return false;");
        w.Close();
    }

    private static List<LanguageEntry> InInjectionOrder(LanguageTable table) => table.Languages.OrderBy(l => l.InjectionOrder).ToList();

    public static string MemberName(LanguageEntry language) => SchemaTypeMapping.Pascal(language.Name);

    private static string Switch(SwitchSpec spec)
        => "new(" + SourceWriter.Literal(spec.Flag) + ", " + SourceWriter.Literal(spec.Env) + ", " + Bool(spec.Default) + ")";

    private static string Image(ImageSpec spec)
        => "new(" + SourceWriter.Literal(spec.Default) + ", " + SourceWriter.Literal(spec.Flag) + ", " + SourceWriter.Literal(spec.Env) + ", "
            + SourceWriter.Literal(spec.DefaultImageAnnotation) + ")";

    private static string Platform(PlatformSpec spec)
        => "new(" + SourceWriter.Literal(spec.Annotation) + ", " + SourceWriter.Literal(spec.Default) + ", "
            + List("global::Webhook.Injection.Table.PlatformOption", spec.Values.Select(v => "new(" + SourceWriter.Literal(v.Value) + ", " + Pairs(v.Placeholders) + ")")) + ")";

    private static string Env(EnvSpec spec)
        => "new(" + SourceWriter.Literal(spec.Name) + ", " + SourceWriter.Literal(spec.Value) + ", global::Webhook.Injection.Table.EnvMergeRule."
            + SchemaTypeMapping.Pascal(spec.Rule) + ", " + SourceWriter.Literal(spec.Separator) + ", " + Nullable(spec.Suffix)
            + ", global::Webhook.Injection.Table.EnvStage." + SchemaTypeMapping.Pascal(spec.Stage) + ")";

    private static string Pairs(EquatableArray<NamedValue> pairs)
        => List("global::Webhook.Injection.Table.NamedText", pairs.Select(p => "new(" + SourceWriter.Literal(p.Name) + ", " + SourceWriter.Literal(p.Value) + ")"));

    private static string Strings(EquatableArray<string> values) => List("string", values.Select(SourceWriter.Literal));

    private static string List(string type, IEnumerable<string> items)
    {
        var list = items.ToList();
        // A collection expression: the element type comes from the property, so each item can be a target-typed new(...).
        return "[" + string.Join(", ", list) + "]";
    }

    private static string Nullable(string? text) => text is null ? "null" : SourceWriter.Literal(text);

    private static string Bool(bool value) => value ? "true" : "false";
}
