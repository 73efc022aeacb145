namespace Webhook.Json;

/// <summary>RFC 6901 JSON Pointers: <c>/spec/containers/0/env</c>, with <c>~1</c> for '/' and <c>~0</c> for '~' inside a token.</summary>
public static class JsonPointer
{
    /// <summary>The unescaped reference tokens of <paramref name="pointer"/>; none for "", the whole document.</summary>
    public static string[] Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new JsonPatchException("\"" + pointer + "\" is not a JSON pointer; it must be empty or start with '/'");
        }

        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Unescape(tokens[i], pointer);
        }

        return tokens;
    }

    /// <summary>
    /// The array index a token names: "0", or digits without a leading zero; null when the token is none
    /// (signs, spaces and leading zeros are not indexes in RFC 6901).
    /// </summary>
    public static int? ArrayIndex(string token)
    {
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return null;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        var result = new System.Text.StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                result.Append(token[i]);
                continue;
            }

            // "~01" is "~1" literally: each escape is read once, left to right, never re-read.
            result.Append((i + 1 < token.Length ? token[i + 1] : '\0') switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new JsonPatchException("\"" + pointer + "\" has a '~' not followed by 0 or 1; write ~0 for '~' and ~1 for '/'"),
            });
            i++;
        }

        return result.ToString();
    }
}
