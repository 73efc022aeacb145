using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhook.Offline;

/// <summary>
/// Where <c>validate</c> and <c>inject</c> put their findings: as text lines on standard error (exactly the lines
/// people have always read), or kept for one JSON array on standard output with <c>-o json</c>.
/// </summary>
public sealed class FindingReport
{
    private readonly TextWriter _errors;
    private readonly List<OfflineFinding> _findings = [];

    public FindingReport(TextWriter errors, bool json)
    {
        _errors = errors;
        IsJson = json;
    }

    public bool IsJson { get; }

    public IReadOnlyList<OfflineFinding> Findings => _findings;

    public void Add(OfflineFinding finding)
    {
        if (IsJson)
        {
            _findings.Add(finding);
        }
        else
        {
            _errors.WriteLine(finding.Text);
        }
    }

    /// <summary>A text line that heads the findings after it (<c>… is invalid:</c>); JSON has no such line.</summary>
    public void Heading(string line)
    {
        if (!IsJson)
        {
            _errors.WriteLine(line);
        }
    }

    /// <summary>The findings as a JSON array, every member present (null when it does not apply).</summary>
    public void WriteJson(TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var finding in _findings)
            {
                writer.WriteStartObject();
                WriteStringOrNull(writer, "file"u8, finding.File);
                WriteNumberOrNull(writer, "document"u8, finding.Document);
                WriteNumberOrNull(writer, "line"u8, finding.Line);
                WriteStringOrNull(writer, "path"u8, finding.Path);
                writer.WriteString("code"u8, finding.Code);
                writer.WriteString("severity"u8, SeverityName(finding.Severity));
                writer.WriteString("message"u8, finding.Message);
                writer.WriteString("fix"u8, finding.Fix);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Note => "note",
        _ => "info",
    };

    private static void WriteStringOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
