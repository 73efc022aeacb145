using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Patching;
using Webhook.Injection.Sdk;

namespace Webhook.Tests.Injection.Units;

/// <summary>The resource attributes entries of a pod's injected containers, each remembered in a slot of its own.</summary>
public sealed class RememberedAttributeSlotsTests
{
    [Fact]
    public void TryCopy_TwoContainersKeptInTurn_FindsEachOnesEntryAsWritten()
    {
        var slots = new RememberedAttributeSlots();
        var fragments = new FragmentBuffer();
        var appEntry = Keep(slots, fragments, Attributes("app"));
        var workerEntry = Keep(slots, fragments, Attributes("worker"));

        // The next pod's maps: the same strings, set in the same order (serializing a map sorts it).
        Assert.True(slots.TryCopy(Attributes("app"), fragments, out var appCopy));
        Assert.True(slots.TryCopy(Attributes("worker"), fragments, out var workerCopy));
        Assert.Equal(appEntry.Raw.ToArray(), appCopy.Raw.ToArray());
        Assert.Equal(workerEntry.Raw.ToArray(), workerCopy.Raw.ToArray());
        Assert.Equal(appEntry.Value, appCopy.Value);
        Assert.Equal(workerEntry.Value, workerCopy.Value);
    }

    [Fact]
    public void TryCopy_MoreContainersThanSlots_TheOldestIsReplaced()
    {
        var slots = new RememberedAttributeSlots();
        var fragments = new FragmentBuffer();
        var names = Enumerable.Range(0, RememberedAttributeSlots.Count + 1).Select(i => "c" + i).ToArray();
        foreach (var name in names)
        {
            Keep(slots, fragments, Attributes(name));
        }

        Assert.False(slots.TryCopy(Attributes(names[0]), fragments, out _));
        for (var i = 1; i < names.Length; i++)
        {
            Assert.True(slots.TryCopy(Attributes(names[i]), fragments, out var copy));
            Assert.Contains("k8s.container.name=c" + i, copy.Value);
        }
    }

    [Fact]
    public void TryCopy_SameTextsInOtherStrings_NotCopied()
    {
        var slots = new RememberedAttributeSlots();
        var fragments = new FragmentBuffer();
        Keep(slots, fragments, Attributes("app"));

        // Equal texts that are not the strings the entry was written for: the cache hands out the same strings for
        // the same texts, so other strings mean another map, whatever they spell.
        Assert.False(slots.TryCopy(Attributes(new string("app".ToCharArray())), fragments, out _));
    }

    private const string Pod = "shop-7c9d8f6b5-x2x4k";

    private static AttributeMap Attributes(string container)
    {
        var map = new AttributeMap();
        map.Add("k8s.pod.name", Pod);
        map.Add("k8s.container.name", container);
        return map;
    }

    private static EnvEntry Keep(RememberedAttributeSlots slots, FragmentBuffer fragments, AttributeMap attributes)
    {
        var slot = slots.Next();
        slot.Hold(attributes);
        var entry = FragmentEnv.Literal(fragments, SdkEnv.ResourceAttributesEnv, attributes.Serialize());
        slot.Keep(entry);
        return entry;
    }
}
