namespace Webhook.Crd;

/// <summary>One problem found while reading or validating a resource: the field path and what is wrong there.</summary>
public sealed record FieldError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : Path + ": " + Message;
}
