using System.Text.Json;
using Webhook.Injection.Selection;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Table;
using Webhook.Injection.Text;

namespace Webhook.Injection;

/// <summary>
/// The fast answer for the common case: does this pod ask for injection at all? Looks only at the pod's annotation
/// keys (skipping the rest to the pod's end, since a repeated <c>metadata</c> may come last), allocates nothing, and
/// says "maybe" whenever it cannot be sure, so the full path decides.
/// </summary>
public static class InjectionPrecheck
{
    public static bool MayAskForInjection(ReadOnlySpan<byte> podJson, ReadOnlySpan<byte> ns, InstrumentationSnapshot snapshot)
    {
        if (snapshot.NamespaceMayInject(ns))
        {
            return true;
        }

        var reader = new JsonScanner(podJson, Pods.PodReader.MaxDepth);
        try
        {
            return !reader.Read() || reader.TokenType != JsonTokenType.StartObject || PodAsks(ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed input (InvalidOperationException: a name whose escapes do not decode) is for the full path
            // to report; never decide "nothing asked" on a guess.
            return true;
        }
    }

    /// <summary>
    /// The same question of a pod inside a larger document (the AdmissionReview), the reader standing at the pod's
    /// start: false leaves the reader at the pod's end, so that this pass is the document's pass over the pod.
    /// </summary>
    public static bool MayAskForInjection(ref JsonScanner reader, ReadOnlySpan<byte> ns, InstrumentationSnapshot snapshot)
    {
        if (snapshot.NamespaceMayInject(ns))
        {
            return true;
        }

        try
        {
            return PodAsks(ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Whether the pod object the reader stands at asks; false leaves the reader at the pod's end.</summary>
    private static bool PodAsks(ref JsonScanner reader)
    {
        // Every metadata and annotations object is looked at, a repeated one too: the API server keeps the
        // last value of a repeated key (merging repeated objects), so any one of them may be what it stores.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (isMetadata && reader.TokenType == JsonTokenType.StartObject)
            {
                if (MetadataAsks(ref reader))
                {
                    return true;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return false;
    }

    /// <summary>Whether an annotations object of this metadata object asks; false leaves the reader at the metadata's end.</summary>
    private static bool MetadataAsks(ref JsonScanner reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAnnotations = reader.ValueTextEquals("annotations"u8);
            reader.Read();
            if (!isAnnotations || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject || AnnotationsAsk(ref reader))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an inject annotation of this object asks; false leaves the reader at the object's end.</summary>
    private static bool AnnotationsAsk(ref JsonScanner reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return true;
            }

            var isInject = InjectionTable.TryClassifyAnnotation(reader.ValueSpan, out _, out var role) && role == AnnotationRole.Inject;
            reader.Read();
            if (isInject && (reader.TokenType != JsonTokenType.String || !IsEmptyOrFalse(ref reader)))
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool IsEmptyOrFalse(ref JsonScanner reader)
    {
        if (reader.ValueIsEscaped)
        {
            return false;
        }

        return !EffectiveValue.Asks(reader.ValueSpan);
    }
}
