namespace Webhook.Doctor;

/// <summary>Adds to each <see cref="Finding.NotInjected"/> finding what the webhook's Events said about its pods and their owners.</summary>
internal static class EventQuotes
{
    /// <summary>Enough to tell the reasons apart; the rest is in <c>kubectl get events</c>.</summary>
    private const int MaxQuotes = 3;

    /// <summary>Event notes are at most 1 kB; a line of a report should stay readable.</summary>
    private const int MaxQuoteLength = 200;

    public static async Task<List<Finding>> AttachAsync(ClusterReader reader, List<Finding> findings, CancellationToken cancellationToken)
    {
        var byNamespace = new Dictionary<string, List<WebhookEvent>>(StringComparer.Ordinal);
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            if (finding.Code != Finding.NotInjected)
            {
                result.Add(finding);
                continue;
            }

            if (!byNamespace.TryGetValue(finding.Namespace, out var events))
            {
                events = await reader.TryListAsync("apis/events.k8s.io/v1/namespaces/" + finding.Namespace + "/events", "the webhook's Events are not quoted",
                    static item => WebhookEvent.Of(item), cancellationToken).ConfigureAwait(false) ?? [];
                byNamespace[finding.Namespace] = events;
            }

            var quotes = events.Where(e => finding.EventSubjects.Contains(e.RegardingName, StringComparer.Ordinal))
                .Select(e => e.RegardingKind + " " + e.RegardingName + ": " + e.Reason + ": " + Cut(e.Note))
                .Distinct(StringComparer.Ordinal).Take(MaxQuotes).ToList();
            result.Add(finding with
            {
                Message = finding.Message + (quotes.Count == 0 ? "; the webhook reported no Event about them" : "; the webhook reported: " + string.Join("; ", quotes)),
            });
        }

        return result;
    }

    private static string Cut(string text) => text.Length <= MaxQuoteLength ? text : text[..MaxQuoteLength] + "…";
}
