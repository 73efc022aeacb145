using System.Text.Json;

namespace Webhook.Crd;

/// <summary>
/// A Kubernetes int-or-string value (quantities, ports). Keeps the literal text and whether it was a JSON number,
/// so a value is written back exactly as the user gave it.
/// </summary>
public readonly record struct IntOrString(string Text, bool IsNumber)
{
    public static IntOrString FromString(string text) => new(text, false);

    public void Write(Utf8JsonWriter writer)
    {
        if (IsNumber)
        {
            writer.WriteRawValue(Text, skipInputValidation: false);
        }
        else
        {
            writer.WriteStringValue(Text);
        }
    }

    public override string ToString() => Text;
}
