using System.Globalization;
using System.Text;

namespace Webhook.Injection.Selection;

/// <summary>
/// Annotation values quoted in admission warnings. Warnings travel in HTTP headers and must stay one line without
/// control characters, while an annotation value may hold anything (a YAML block scalar ends in a newline).
/// </summary>
public static class WarningText
{
    /// <summary>The value in double quotes, control characters written as <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\uXXXX</c>.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
