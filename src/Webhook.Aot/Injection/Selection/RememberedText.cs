namespace Webhook.Injection.Selection;

/// <summary>
/// A text made from others, remembered for the last of them by reference: the pods of a workload bring the same
/// names, read as the same strings from the text cache, so the text a pod needs (a mount path with the container's
/// name, a decision's description) is usually the one made for the pod before, without building it and looking it up
/// in the text cache again. The text must depend on nothing but its keys, which must not change. Reused from pod to pod.
/// </summary>
public sealed class RememberedText
{
    private object? _first;
    private object? _second;
    private string _text = "";

    /// <summary>The text remembered for exactly these two objects (compared by reference).</summary>
    public bool TryGet(object first, object? second, out string text)
    {
        text = _text;
        return ReferenceEquals(first, _first) && ReferenceEquals(second, _second);
    }

    /// <summary>Remembers <paramref name="text"/> for these two objects and returns it.</summary>
    public string Remember(object first, object? second, string text)
    {
        _first = first;
        _second = second;
        _text = text;
        return text;
    }
}
