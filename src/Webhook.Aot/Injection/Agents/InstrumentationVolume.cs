using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Table;

namespace Webhook.Injection.Agents;

/// <summary>The volume the agent is copied into: an ephemeral claim when a template is given, else a sized emptyDir.</summary>
public static class InstrumentationVolume
{
    public static ReadOnlyMemory<byte> Json(FragmentBuffer fragments, string name, ILanguageSpec? block, VolumeRule rule)
    {
        var writer = fragments.Start();
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        if (rule.UsesClaimTemplate && block?.VolumeClaimTemplate is { } template)
        {
            writer.WriteStartObject("ephemeral"u8);
            writer.WritePropertyName("volumeClaimTemplate"u8);
            template.Write(writer);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject("emptyDir"u8);
            writer.WritePropertyName("sizeLimit"u8);
            if (rule.UsesSizeLimit && block?.VolumeLimitSize is { } size)
            {
                size.Write(writer);
            }
            else
            {
                writer.WriteStringValue(InjectionTable.DefaultVolumeSizeLimit);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        return fragments.End();
    }
}
