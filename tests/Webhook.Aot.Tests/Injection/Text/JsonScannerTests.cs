using System.Text;
using System.Text.Json;
using Webhook.Injection.Text;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection.Text;

/// <summary>
/// <see cref="JsonScanner"/> reads every document as <see cref="Utf8JsonReader"/> does: the same tokens at the same
/// places and depths, the same values, and the same error (message included) on the same documents. Checked on the
/// repository's JSON test data, on hand-picked edge cases of the grammar, and on thousands of damaged copies.
/// </summary>
public sealed class JsonScannerTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("  { \"a\" : [ 1 , -2.5e+3 , 0 , -0.0E-1 , true , false , null , \"x\" ] } \n\t\r")]
    [InlineData("{\"a\":{\"b\":{\"c\":[[],[{}]]}},\"d\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\ude00\"}")]
    [InlineData("{\"\\u0061\":1}")]
    [InlineData("\"top\"")]
    [InlineData("12")]
    [InlineData("{\"n\":1}   ")]
    public void Read_ValidDocument_GivesTheSameTokens(string json) => AssertSameReading(Encoding.UTF8.GetBytes(json), 512);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\"}")]
    [InlineData("{\"a\":}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{a:1}")]
    [InlineData("{\"a\":1]")]
    [InlineData("[1}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":1.}")]
    [InlineData("{\"a\":.5}")]
    [InlineData("{\"a\":1e}")]
    [InlineData("{\"a\":-}")]
    [InlineData("{\"a\":+1}")]
    [InlineData("{\"a\":1x}")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":truex}")]
    [InlineData("{\"a\":nul}")]
    [InlineData("{\"a\":\"x\ty\"}")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("{\"a\":\"\\u12G4\"}")]
    [InlineData("{\"a\":\"\\u12\"}")]
    [InlineData("{\"a\":\"open}")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("{\"a\":/*c*/1}")]
    [InlineData("{\"a\":1,\"b\":[true,false,[null,{}]],\"c\":\"\\")]
    public void Read_InvalidDocument_FailsWithTheSameError(string json) => AssertSameReading(Encoding.UTF8.GetBytes(json), 512);

    [Theory]
    [InlineData(3, "[[[]]]")]
    [InlineData(3, "[[[[]]]]")]
    [InlineData(2, "{\"a\":{\"b\":{}}}")]
    [InlineData(512, null)]
    public void Read_NestingAtAndPastTheLimit_IsAcceptedAndRefusedAlike(int maxDepth, string? json)
    {
        var deep = json ?? new string('[', 513) + new string(']', 513);
        AssertSameReading(Encoding.UTF8.GetBytes(deep), maxDepth);
        AssertSameReading(Encoding.UTF8.GetBytes(new string('[', maxDepth) + new string(']', maxDepth)), maxDepth);
    }

    [Fact]
    public void Read_TextThatIsNotUtf8_IsReadAsUtf8JsonReaderReadsIt()
        => AssertSameReading([(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)'}'], 512);

    [Fact]
    public void Read_RepositoryTestData_GivesTheSameTokens()
    {
        var files = Directory.GetFiles(RepositoryFolder.PathOf("tests", "testdata"), "*.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertSameReading(File.ReadAllBytes(file), 512);
        }
    }

    [Fact]
    public void Read_DamagedReviews_FailWhereAndAsUtf8JsonReaderFails()
    {
        var review = File.ReadAllBytes(RepositoryFolder.PathOf("tests", "testdata", "bench", "typical.review.json"));
        var pieces = new[] { "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "0", "-", ".", "e", "t", "n", " ", "\t", "\u0001", "x", "1e5", "\"\":" };
        var random = new Random(1234);
        for (var round = 0; round < 3000; round++)
        {
            var damaged = new List<byte>(review);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(damaged.Count);
                switch (random.Next(3))
                {
                    case 0:
                        damaged.RemoveAt(at);
                        break;
                    case 1:
                        damaged.InsertRange(at, Encoding.UTF8.GetBytes(pieces[random.Next(pieces.Length)]));
                        break;
                    default:
                        damaged[at] = Encoding.UTF8.GetBytes(pieces[random.Next(pieces.Length)])[0];
                        break;
                }
            }

            AssertSameReading(damaged.ToArray(), 512);
        }
    }

    [Fact]
    public void Skip_FromAPropertyNameOrAContainer_EndsWhereUtf8JsonReaderEnds()
    {
        var json = """{"a":{"b":[1,{"c":null}],"d":"e"},"f":[[]],"g":1}"""u8;
        var expected = new Utf8JsonReader(json);
        var scanner = new JsonScanner(json, 64);
        expected.Read();
        scanner.Read();
        while (expected.Read())
        {
            Assert.True(scanner.Read());
            expected.Skip();
            scanner.Skip();
            Assert.Equal(expected.TokenType, scanner.TokenType);
            Assert.Equal(expected.BytesConsumed, scanner.BytesConsumed);
            Assert.Equal(expected.CurrentDepth, scanner.CurrentDepth);
        }

        Assert.False(scanner.Read());
    }

    [Fact]
    public void ValueTextEquals_EscapedName_ComparesTheUnescapedText()
    {
        var scanner = new JsonScanner("""{"m\u0065tadata":1}"""u8, 64);
        scanner.Read();
        scanner.Read();

        Assert.True(scanner.ValueIsEscaped);
        Assert.True(scanner.ValueTextEquals("metadata"u8));
        Assert.False(scanner.ValueTextEquals("m\\u0065tadata"u8));
    }

    [Fact]
    public void CopyString_LoneSurrogateOrInvalidUtf8_ThrowsInvalidOperationAsUtf8JsonReaderDoes()
    {
        Assert.Throws<InvalidOperationException>(() => CopyFirstString("""["\ud800"]"""u8.ToArray()));
        Assert.Throws<InvalidOperationException>(() => CopyFirstString([(byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']']));
        Assert.Throws<InvalidOperationException>(() =>
        {
            var scanner = new JsonScanner("[1]"u8, 64);
            scanner.Read();
            scanner.Read();
            return scanner.ValueTextEquals("1"u8);
        });
    }

    [Theory]
    [InlineData("""[{"name":"A","value":"x y"},1]""", "A", "x y")]
    [InlineData("""[{"name":"A"},1]""", "A", null)]
    [InlineData("""[{"name":"","value":""},1]""", "", "")]
    public void TryReadPlainStrings_PlainEntry_ReadsItWholeAndGoesOnAsRead(string json, string name, string? value)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var scanner = new JsonScanner(bytes, 64);
        scanner.Read();
        scanner.Read();

        Assert.True(scanner.TryReadPlainStrings("name"u8, "value"u8, out var nameStart, out var nameLength, out var valueStart, out var valueLength));
        Assert.Equal(name, Encoding.UTF8.GetString(bytes, nameStart, nameLength));
        Assert.Equal(value, valueLength < 0 ? null : Encoding.UTF8.GetString(bytes, valueStart, valueLength));
        Assert.Equal(JsonTokenType.EndObject, scanner.TokenType);
        Assert.Equal(1, scanner.CurrentDepth);
        Assert.True(scanner.Read());
        Assert.Equal(JsonTokenType.Number, scanner.TokenType);
        Assert.True(scanner.Read());
        Assert.Equal(JsonTokenType.EndArray, scanner.TokenType);
        Assert.False(scanner.Read());
    }

    [Theory]
    [InlineData("""[{"name": "A","value":"x"}]""")]
    [InlineData("""[{"name":"A","valueFrom":{}}]""")]
    [InlineData("""[{"value":"x","name":"A"}]""")]
    [InlineData("""[{"name":"A","value":"x","other":1}]""")]
    [InlineData("""[{"name":"\u0041","value":"x"}]""")]
    [InlineData("""[{"name":"A","value":1}]""")]
    [InlineData("""[{"name":"A","value":"x	y"}]""")]
    [InlineData("""[{"name":"A","value":"x"]""")]
    [InlineData("""[{"name":"A","value":"x""")]
    public void TryReadPlainStrings_AnyOtherObject_LeavesTheScannerWhereItWas(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var scanner = new JsonScanner(bytes, 64);
        scanner.Read();
        scanner.Read();

        Assert.False(scanner.TryReadPlainStrings("name"u8, "value"u8, out _, out _, out _, out _));
        Assert.Equal(JsonTokenType.StartObject, scanner.TokenType);
        Assert.Equal(2, scanner.BytesConsumed);
        Assert.True(scanner.Read());
        Assert.Equal(JsonTokenType.PropertyName, scanner.TokenType);
    }

    [Fact]
    public void GetString_PlainEscapedOrNotUtf8_AnswersAsUtf8JsonReaderDoes()
    {
        foreach (var json in new[] { "[\"" + new string('n', 5000) + "\"]", "[\"a\\u00e9\\n\"]", "[\"\u00e9t\u00e9\"]" })
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var expected = new Utf8JsonReader(bytes);
            expected.Read();
            expected.Read();
            var scanner = new JsonScanner(bytes, 64);
            scanner.Read();
            scanner.Read();
            Assert.Equal(expected.GetString(), scanner.GetString());
        }

        Assert.Throws<InvalidOperationException>(() =>
        {
            var scanner = new JsonScanner(new byte[] { (byte)'[', (byte)'"', 0xC3, (byte)'"', (byte)']' }, 64);
            scanner.Read();
            scanner.Read();
            return scanner.GetString();
        });
    }

    [Fact]
    public void StringReadOnAnotherToken_ThrowsAsUtf8JsonReaderDoes()
    {
        var bytes = "[12]"u8.ToArray();
        var expected = Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            reader.Read();
            return reader.GetString();
        });
        var actual = Assert.Throws<InvalidOperationException>(() =>
        {
            var scanner = new JsonScanner(bytes, 64);
            scanner.Read();
            scanner.Read();
            return scanner.GetString();
        });
        Assert.Equal(expected.Message, actual.Message);
        Assert.Throws<InvalidOperationException>(() =>
        {
            var scanner = new JsonScanner(bytes, 64);
            scanner.Read();
            return scanner.ValueTextEquals("["u8);
        });
    }

    private static string CopyFirstString(byte[] json)
    {
        var scanner = new JsonScanner(json, 64);
        scanner.Read();
        scanner.Read();
        var text = new char[json.Length];
        return new string(text, 0, scanner.CopyString(text));
    }

    /// <summary>Reads <paramref name="json"/> with both readers, token by token, and compares everything the admission path looks at.</summary>
    private static void AssertSameReading(byte[] json, int maxDepth)
    {
        AssertSameReading(json, maxDepth, skipEvery: 0);
        AssertSameReading(json, maxDepth, skipEvery: 2);
        AssertSameReading(json, maxDepth, skipEvery: 3);
    }

    /// <summary>
    /// Reads <paramref name="json"/> with both readers to its end and compares each token; every
    /// <paramref name="skipEvery"/>th token (none for 0) is skipped past with <c>Skip</c>, so skipped subtrees are checked as read ones are.
    /// </summary>
    private static void AssertSameReading(byte[] json, int maxDepth, int skipEvery)
    {
        var expected = Tokens(json, maxDepth, skipEvery, useScanner: false);
        var actual = Tokens(json, maxDepth, skipEvery, useScanner: true);
        Assert.Equal(expected.Error, actual.Error);
        for (var i = 0; i < Math.Min(expected.Tokens.Count, actual.Tokens.Count); i++)
        {
            Assert.Equal(expected.Tokens[i], actual.Tokens[i]);
        }

        Assert.True(expected.Tokens.Count == actual.Tokens.Count,
            $"{expected.Tokens.Count} tokens, not {actual.Tokens.Count}, before {expected.Error}; the last: {expected.Tokens.LastOrDefault()}");
    }

    private static (List<string> Tokens, string? Error) Tokens(byte[] json, int maxDepth, int skipEvery, bool useScanner)
    {
        var tokens = new List<string>();
        try
        {
            if (useScanner)
            {
                var scanner = new JsonScanner(json, maxDepth);
                while (scanner.Read())
                {
                    if (skipEvery > 0 && tokens.Count % skipEvery == 0)
                    {
                        scanner.Skip();
                    }

                    tokens.Add(Describe(scanner.TokenType, scanner.TokenStartIndex, scanner.BytesConsumed, scanner.CurrentDepth,
                        scanner.ValueSpan, scanner.ValueIsEscaped, Text(ref scanner)));
                }
            }
            else
            {
                var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
                while (reader.Read())
                {
                    if (skipEvery > 0 && tokens.Count % skipEvery == 0)
                    {
                        reader.Skip();
                    }

                    tokens.Add(Describe(reader.TokenType, reader.TokenStartIndex, reader.BytesConsumed, reader.CurrentDepth,
                        reader.ValueSpan, reader.ValueIsEscaped, Text(ref reader)));
                }
            }

            return (tokens, null);
        }
        catch (JsonException e)
        {
            return (tokens, e.Message);
        }
    }

    private static string Describe(JsonTokenType type, long start, long consumed, int depth, ReadOnlySpan<byte> value, bool escaped, string? text)
    {
        var valued = type is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number or JsonTokenType.True
            or JsonTokenType.False or JsonTokenType.Null;
        // Past a property name, each reader has read a different part of what follows (the colon and whitespace): not compared.
        var end = type == JsonTokenType.PropertyName ? -1 : consumed;
        return $"{type} at {start}..{end} depth {depth} value {(valued ? Convert.ToHexString(value) : "-")} escaped {escaped} text {text}";
    }

    private static string? Text(ref JsonScanner scanner)
    {
        if (scanner.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return null;
        }

        try
        {
            var text = new char[scanner.ValueSpan.Length];
            return new string(text, 0, scanner.CopyString(text)) + "|" + scanner.ValueTextEquals("metadata"u8);
        }
        catch (InvalidOperationException)
        {
            return "(not text)";
        }
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return null;
        }

        try
        {
            var text = new char[reader.ValueSpan.Length];
            return new string(text, 0, reader.CopyString(text)) + "|" + reader.ValueTextEquals("metadata"u8);
        }
        catch (InvalidOperationException)
        {
            return "(not text)";
        }
    }
}
