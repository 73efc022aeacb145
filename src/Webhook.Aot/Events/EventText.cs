using System.Globalization;
using System.Text;

namespace Webhook.Events;

/// <summary>The API server's limits on Event fields, and the text helpers that keep within them.</summary>
public static class EventText
{
    /// <summary>The API server refuses an Event whose note is longer than 1,024 bytes (events.k8s.io/v1 validation).</summary>
    public const int MaxNoteBytes = 1024;

    /// <summary><c>reportingInstance</c> is at most 128 characters.</summary>
    public const int MaxInstanceLength = 128;

    /// <summary>An object name is a DNS subdomain of at most 253 characters.</summary>
    public const int MaxNameLength = 253;

    private const string Ellipsis = "…";

    /// <summary>
    /// MicroTime as the API server writes it: RFC 3339 in UTC with exactly six fractional digits,
    /// <c>2026-12-07T01:33:28.123456Z</c>.
    /// </summary>
    public const string MicroTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string MicroTime(DateTime utc) => utc.ToUniversalTime().ToString(MicroTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The message itself when it fits in <see cref="MaxNoteBytes"/> of UTF-8; else its start, cut between characters, and "…".</summary>
    public static string Note(string message)
    {
        if (Encoding.UTF8.GetByteCount(message) <= MaxNoteBytes)
        {
            return message;
        }

        var budget = MaxNoteBytes - Encoding.UTF8.GetByteCount(Ellipsis);
        var length = 0;
        var bytes = 0;
        while (length < message.Length)
        {
            var step = char.IsHighSurrogate(message[length]) && length + 1 < message.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(message.AsSpan(length, step));
            if (bytes + size > budget)
            {
                break;
            }

            bytes += size;
            length += step;
        }

        return string.Concat(message.AsSpan(0, length), Ellipsis);
    }

    /// <summary>
    /// A name for a new Event, unique per sender: the regarding object's name made a DNS subdomain (lowercase letters,
    /// digits, '-' and '.', alphanumeric at both ends), a dot, and <paramref name="unique"/> in hexadecimal, as
    /// client-go names Events (<c>NAME.&lt;nanoseconds in hex&gt;</c>).
    /// </summary>
    public static string EventName(string regardingName, long unique)
    {
        var suffix = "." + unique.ToString("x", CultureInfo.InvariantCulture);
        var builder = new StringBuilder(Math.Min(regardingName.Length, MaxNameLength) + suffix.Length);
        foreach (var c in regardingName)
        {
            if (builder.Length + suffix.Length >= MaxNameLength)
            {
                break;
            }

            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) || lower is '-' or '.')
            {
                builder.Append(lower);
            }
        }

        while (builder.Length > 0 && !char.IsAsciiLetterOrDigit(builder[^1]))
        {
            builder.Length--;
        }

        var start = 0;
        while (start < builder.Length && !char.IsAsciiLetterOrDigit(builder[start]))
        {
            start++;
        }

        var stem = builder.ToString(start, builder.Length - start);
        return (stem.Length == 0 ? "pod" : stem) + suffix;
    }

    /// <summary>The webhook's pod name (POD_NAME, else HOSTNAME, which Kubernetes sets to the pod name), cut to the field's limit.</summary>
    public static string ReportingInstance(Func<string, string?> environment)
    {
        var name = environment("POD_NAME") is { Length: > 0 } pod ? pod
            : environment("HOSTNAME") is { Length: > 0 } host ? host
            : Environment.MachineName is { Length: > 0 } machine ? machine : "otel-webhook";
        return name.Length > MaxInstanceLength ? name[..MaxInstanceLength] : name;
    }
}
