using Webhook.Injection.Pods;
using Webhook.Injection.Text;

namespace Webhook.Injection.Sdk;

/// <summary>
/// The layers of the resource attribute map that depend on the pod alone, not on the container: the owners' names
/// (and uids) and the <c>resource.opentelemetry.io/*</c> annotations. Computed once per pod and applied to each
/// container, so a pod with thousands of containers, annotations and owner references costs one pass over each list,
/// not one per container. Reused from pod to pod.
/// </summary>
public sealed class PodAttributes
{
    private readonly List<KeyValuePair<string, string>> _annotations = new();
    private readonly List<KeyValuePair<string, string>>[] _owners = [new(), new()];
    private readonly bool[] _ownersRead = new bool[2];
    private PodView? _pod;
    private bool _annotationsRead;

    /// <summary>Starts over for <paramref name="pod"/>; the layers are read when first asked for.</summary>
    public void Reset(PodView pod)
    {
        _pod = pod;
        _annotationsRead = false;
        _ownersRead[0] = _ownersRead[1] = false;
    }

    /// <summary>The <c>resource.opentelemetry.io/*</c> annotations as (attribute, value), in the pod's order, <c>service.name</c> left out.</summary>
    public List<KeyValuePair<string, string>> Annotations
    {
        get
        {
            if (!_annotationsRead)
            {
                _annotationsRead = true;
                _annotations.Clear();
                foreach (var (key, value) in _pod!.Annotations)
                {
                    if (key.StartsWith(ResourceAttributes.AnnotationPrefix, StringComparison.Ordinal) && key.Length > ResourceAttributes.AnnotationPrefix.Length)
                    {
                        var attribute = TextCache.Slice(key, ResourceAttributes.AnnotationPrefix.Length, key.Length - ResourceAttributes.AnnotationPrefix.Length);
                        if (attribute != "service.name")
                        {
                            _annotations.Add(new(attribute, value));
                        }
                    }
                }
            }

            return _annotations;
        }
    }

    /// <summary>The owners' attributes, each key with the value it ends up with (see <see cref="OwnerNames.Collect"/>).</summary>
    public List<KeyValuePair<string, string>> Owners(bool addUids)
    {
        var slot = addUids ? 1 : 0;
        if (!_ownersRead[slot])
        {
            _ownersRead[slot] = true;
            OwnerNames.Collect(_pod!, addUids, _owners[slot]);
        }

        return _owners[slot];
    }
}
