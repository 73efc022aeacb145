namespace Webhook.Crd;

/// <summary>
/// What every per-language block of an Instrumentation has in common, so defaulting, validation and injection
/// loop over the languages of the injection table instead of repeating one block per language. The generated
/// classes already have these properties; the partial declarations below only name the seam.
/// </summary>
public interface ILanguageSpec
{
    string? Image { get; set; }

    List<EnvVar>? Env { get; set; }

    /// <summary>The init container (or sidecar) resources: <c>resources</c> for Java, <c>resourceRequirements</c> elsewhere.</summary>
    ResourceRequirements? InitContainerResources { get; set; }

    VolumeClaimTemplate? VolumeClaimTemplate { get; set; }

    IntOrString? VolumeLimitSize { get; set; }
}

public sealed partial class Java : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => Resources; set => Resources = value; }
}

public sealed partial class Nodejs : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => ResourceRequirements; set => ResourceRequirements = value; }
}

public sealed partial class Python : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => ResourceRequirements; set => ResourceRequirements = value; }
}

public sealed partial class Dotnet : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => ResourceRequirements; set => ResourceRequirements = value; }
}

public sealed partial class Go : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => ResourceRequirements; set => ResourceRequirements = value; }
}

public sealed partial class ApacheHttpd : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => ResourceRequirements; set => ResourceRequirements = value; }
}

public sealed partial class Nginx : ILanguageSpec
{
    ResourceRequirements? ILanguageSpec.InitContainerResources { get => ResourceRequirements; set => ResourceRequirements = value; }
}

/// <summary>A language block with text fields the table defaults when empty (<c>specDefaults</c>).</summary>
public interface ISpecDefaults
{
    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> when it is empty.</summary>
    void DefaultText(string field, string value);
}

public sealed partial class ApacheHttpd : ISpecDefaults
{
    public void DefaultText(string field, string value)
    {
        switch (field)
        {
            case "version" when string.IsNullOrEmpty(Version):
                Version = value;
                break;
            case "configPath" when string.IsNullOrEmpty(ConfigPath):
                ConfigPath = value;
                break;
            case "version" or "configPath":
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, "schema/languages.json defaults a field spec.apacheHttpd does not have");
        }
    }
}

public sealed partial class Nginx : ISpecDefaults
{
    public void DefaultText(string field, string value)
    {
        switch (field)
        {
            case "configFile" when string.IsNullOrEmpty(ConfigFile):
                ConfigFile = value;
                break;
            case "configFile":
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, "schema/languages.json defaults a field spec.nginx does not have");
        }
    }
}
