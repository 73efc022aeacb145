using System;
using Microsoft.CodeAnalysis;

namespace Webhook.Generators.Diagnostics;

/// <summary>Every diagnostic the generators report. WHK1nnn: CRD schema; WHK2nnn: injection table; WHK9nnn: faults.</summary>
public static class Descriptors
{
    private const string SchemaCategory = "Webhook.Schema";

    public static DiagnosticDescriptor InvalidJson { get; } = Error(
        "WHK1001", "Schema file is not valid JSON", "{0} is not valid JSON: {1}; fix the file or restore it from version control");

    public static DiagnosticDescriptor CrdShape { get; } = Error(
        "WHK1002", "CRD file lacks a required part", "{0}: {1}; the file must be a CustomResourceDefinition as 'kubectl get crd NAME -o json' prints it");

    public static DiagnosticDescriptor UnsupportedSchema { get; } = Error(
        "WHK1003", "Unsupported schema construct", "{0}: {1}; the model generator cannot map it to C#");

    public static DiagnosticDescriptor PropertyNameClash { get; } = Error(
        "WHK1004", "Two properties map to one C# name", "{0}: properties \"{1}\" and \"{2}\" both become C# property {3}; rename one in the schema");

    public static DiagnosticDescriptor TableInvalidJson { get; } = Error(
        "WHK2001", "Injection table is not valid JSON", "{0} is not valid JSON: {1}; fix the file or restore it from version control");

    public static DiagnosticDescriptor TableMissingField { get; } = Error(
        "WHK2002", "Injection table entry lacks a required field", "{0}: {1} is required here; add it (see docs/languages-table.md)");

    public static DiagnosticDescriptor TableDuplicateLanguage { get; } = Error(
        "WHK2003", "Language listed twice", "Language '{0}' appears twice in the injection table (lines {1} and {2}); keep one entry");

    public static DiagnosticDescriptor TableBadValue { get; } = Error(
        "WHK2004", "Injection table value is not allowed", "{0}: {1}");

    public static DiagnosticDescriptor TableUnknownField { get; } = Error(
        "WHK2005", "Unknown field in the injection table", "{0}: unknown field \"{1}\"; allowed here: {2}");

    public static DiagnosticDescriptor GeneratorFault { get; } = Error(
        "WHK9001", "The generator failed", "The generator failed on {0}: {1}; please report this with the file");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "WHK1001" => InvalidJson,
        "WHK1002" => CrdShape,
        "WHK1003" => UnsupportedSchema,
        "WHK1004" => PropertyNameClash,
        "WHK2001" => TableInvalidJson,
        "WHK2002" => TableMissingField,
        "WHK2003" => TableDuplicateLanguage,
        "WHK2004" => TableBadValue,
        "WHK2005" => TableUnknownField,
        "WHK9001" => GeneratorFault,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };

    private static DiagnosticDescriptor Error(string id, string title, string format)
        => new(id, title, format, SchemaCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
