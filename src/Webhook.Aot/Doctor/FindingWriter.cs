using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhook.Doctor;

/// <summary>Findings as text for people (one block each, then a summary line) or as a JSON array for scripts.</summary>
internal static class FindingWriter
{
    public static void WriteText(TextWriter output, IReadOnlyList<Finding> findings, int asking, DoctorScope scope)
    {
        foreach (var finding in findings)
        {
            output.WriteLine(finding.Kind + " " + finding.Namespace + "/" + finding.Name + " (" + finding.Language + "): " + finding.Code);
            output.WriteLine("  " + finding.Message);
            output.WriteLine("  fix: " + finding.Fix);
            output.WriteLine();
        }

        var workloads = asking switch
        {
            0 => "no workload asks",
            1 => "1 workload asks",
            _ => asking + " workloads ask",
        };
        output.WriteLine(findings.Count == 0
            ? "no findings: " + workloads + " for injection in " + scope.Describe() + (asking == 0 ? "" : asking == 1 ? " and its pods have it" : " and their pods have it")
            : findings.Count + (findings.Count == 1 ? " finding" : " findings") + "; " + workloads + " for injection in " + scope.Describe());
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<Finding> findings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var finding in findings)
            {
                writer.WriteStartObject();
                writer.WriteString("code"u8, finding.Code);
                writer.WriteString("namespace"u8, finding.Namespace);
                writer.WriteString("kind"u8, finding.Kind);
                writer.WriteString("name"u8, finding.Name);
                writer.WriteString("language"u8, finding.Language);
                writer.WriteString("message"u8, finding.Message);
                writer.WriteString("fix"u8, finding.Fix);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
