using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Webhook.Sources;

/// <summary>The API server answered with an error status (or sent an ERROR watch event): its code, message and Retry-After.</summary>
internal sealed class ApiStatusException : Exception
{
    /// <summary>Enough for any Status object; an error body larger than this is cut, it is only shown in a log.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public ApiStatusException(int statusCode, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    public TimeSpan? RetryAfter { get; }

    public bool IsGone => StatusCode == (int)HttpStatusCode.Gone;

    public bool IsTooManyRequests => StatusCode == (int)HttpStatusCode.TooManyRequests;

    public static async Task<ApiStatusException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var detail = await StatusMessageAsync(response, cancellationToken).ConfigureAwait(false);
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? " " + phrase : "";
        var message = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}{reason}") + (detail is null ? "" : ": " + detail);
        return new ApiStatusException(code, message, RetryAfterOf(response));
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Max(date - DateTimeOffset.UtcNow, TimeSpan.Zero) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The <c>message</c> of the Status object the API server sends with errors, else the start of the body.</summary>
    private static async Task<string?> StatusMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length == 0)
            {
                return null;
            }

            try
            {
                using var status = JsonDocument.Parse(buffer.AsMemory(0, length));
                if (status.RootElement.ValueKind == JsonValueKind.Object && ApiObject.String(status.RootElement, "message"u8) is { Length: > 0 } message)
                {
                    return message;
                }
            }
            catch (JsonException)
            {
                // Not a Status object (a proxy's HTML page, say): show the text itself.
            }

            var text = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 200)).ReplaceLineEndings(" ").Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return null;
        }
    }
}
