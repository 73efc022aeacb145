namespace Webhook.Crd;

/// <summary>Finds the block of <c>spec</c> that a language of the injection table names (<c>specField</c>).</summary>
public sealed partial class InstrumentationSpec
{
    /// <summary>The block named <paramref name="specField"/>, or null when the spec has none (or the name is unknown).</summary>
    public ILanguageSpec? Language(string specField) => specField switch
    {
        "java" => Java,
        "nodejs" => Nodejs,
        "python" => Python,
        "dotnet" => Dotnet,
        "go" => Go,
        "apacheHttpd" => ApacheHttpd,
        "nginx" => Nginx,
        _ => null,
    };

    /// <summary>The block named <paramref name="specField"/>, created empty when absent (the operator's blocks are never nil).</summary>
    public ILanguageSpec LanguageOrNew(string specField) => specField switch
    {
        "java" => Java ??= new(),
        "nodejs" => Nodejs ??= new(),
        "python" => Python ??= new(),
        "dotnet" => Dotnet ??= new(),
        "go" => Go ??= new(),
        "apacheHttpd" => ApacheHttpd ??= new(),
        "nginx" => Nginx ??= new(),
        _ => throw new ArgumentOutOfRangeException(nameof(specField), specField, "schema/languages.json names a spec block the CRD does not have"),
    };
}
