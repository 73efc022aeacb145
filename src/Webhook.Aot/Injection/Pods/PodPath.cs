namespace Webhook.Injection.Pods;

/// <summary>
/// Where in a pod a field is, spelt as in messages: <c>spec.containers[0].env[2]</c>. A value of a few references,
/// so naming the place costs nothing until a message needs the text.
/// </summary>
public readonly record struct PodPath(string List, int Item = -1, string? Field = null, int Entry = -1)
{
    public static PodPath Of(ContainerView container, string field, int entry = -1)
        => new(container.IsInit ? "spec.initContainers" : "spec.containers", container.Index, field, entry);

    public override string ToString()
    {
        var text = List;
        if (Item >= 0)
        {
            text += "[" + Item + "]";
        }

        if (Field is not null)
        {
            text += "." + Field;
        }

        return Entry >= 0 ? text + "[" + Entry + "]" : text;
    }
}
