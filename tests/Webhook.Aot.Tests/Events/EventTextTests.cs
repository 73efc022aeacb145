using System.Text;
using System.Text.RegularExpressions;
using Webhook.Events;

namespace Webhook.Tests.Events;

public sealed partial class EventTextTests
{
    [Fact]
    public void Note_ShortMessage_IsTheMessage()
        => Assert.Equal("metadata.annotations[inject-java]: no Instrumentation", EventText.Note("metadata.annotations[inject-java]: no Instrumentation"));

    [Theory]
    [InlineData("a")]
    [InlineData("é")]
    [InlineData("😀")]
    public void Note_LongMessage_IsCutBetweenCharactersWithinTheLimit(string unit)
    {
        var message = string.Concat(Enumerable.Repeat(unit, 2000));

        var note = EventText.Note(message);

        Assert.InRange(Encoding.UTF8.GetByteCount(note), EventText.MaxNoteBytes - 4, EventText.MaxNoteBytes);
        Assert.EndsWith("…", note);
        Assert.StartsWith(note[..^1], message);
        Assert.True(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(note)) == note, "the cut leaves valid UTF-16 (no half surrogate pair)");
    }

    [Fact]
    public void MicroTime_IsUtcWithSixFractionalDigits()
        => Assert.Equal("2026-12-07T01:33:28.123456Z", EventText.MicroTime(new DateTime(2026, 12, 7, 1, 33, 28, DateTimeKind.Utc).AddTicks(1_234_567)));

    [Theory]
    [InlineData("web-6d4cf56db6", "web-6d4cf56db6.")]
    [InlineData("web-6d4cf56db6-…", "web-6d4cf56db6.")]
    [InlineData("-_Weird_Name.-", "weirdname.")]
    [InlineData("…", "pod.")]
    public void EventName_IsTheRegardingNameMadeADnsSubdomainAndAUniqueSuffix(string regarding, string prefix)
    {
        var name = EventText.EventName(regarding, 0x17f3a2b4c5d6e7f8);

        Assert.Equal(prefix + "17f3a2b4c5d6e7f8", name);
        Assert.Matches(DnsSubdomain(), name);
    }

    [Fact]
    public void EventName_LongRegardingName_StaysWithinTheNameLimit()
    {
        var name = EventText.EventName(new string('a', 300), long.MaxValue);

        Assert.Equal(EventText.MaxNameLength, name.Length);
        Assert.Matches(DnsSubdomain(), name);
    }

    [Fact]
    public void ReportingInstance_PrefersPodNameThenHostName()
    {
        Assert.Equal("pod-a", EventText.ReportingInstance(name => name switch { "POD_NAME" => "pod-a", "HOSTNAME" => "host-b", _ => null }));
        Assert.Equal("host-b", EventText.ReportingInstance(name => name == "HOSTNAME" ? "host-b" : null));
        Assert.Equal(128, EventText.ReportingInstance(_ => new string('x', 200)).Length);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();
}
