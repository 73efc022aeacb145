namespace Webhook.Tests.Support;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP in tests: a message is a list of fields, each a number and
/// either a varint, a fixed-width value or length-delimited bytes (a string, bytes, or a nested message).
/// </summary>
public sealed class Protobuf
{
    private readonly List<(int Number, ulong Scalar, ReadOnlyMemory<byte> Bytes)> _fields = [];

    public static Protobuf Parse(ReadOnlyMemory<byte> data)
    {
        var message = new Protobuf();
        var span = data.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    message._fields.Add((number, Varint(span, ref at), default));
                    break;
                case 1:
                    message._fields.Add((number, BitConverter.ToUInt64(span.Slice(at, 8)), default));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    message._fields.Add((number, 0, data.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    message._fields.Add((number, BitConverter.ToUInt32(span.Slice(at, 4)), default));
                    at += 4;
                    break;
                default:
                    throw new FormatException("wire type " + (key & 7) + " at byte " + at);
            }
        }

        return message;
    }

    public IEnumerable<Protobuf> Messages(int number) => _fields.Where(f => f.Number == number).Select(f => Parse(f.Bytes));

    public Protobuf? Message(int number) => Messages(number).FirstOrDefault();

    public string? String(int number) => _fields.Where(f => f.Number == number).Select(f => System.Text.Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault();

    public byte[] Bytes(int number) => _fields.Where(f => f.Number == number).Select(f => f.Bytes.ToArray()).FirstOrDefault() ?? [];

    public ulong Scalar(int number) => _fields.Where(f => f.Number == number).Select(f => f.Scalar).FirstOrDefault();

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
