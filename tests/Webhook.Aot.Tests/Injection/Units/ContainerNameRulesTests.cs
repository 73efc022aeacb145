using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Selection;

namespace Webhook.Tests.Injection.Units;

/// <summary>container-names characters and splitting, and the multi-instrumentation validation messages (shared spec §5.2 step 4, §6.3).</summary>
public sealed class ContainerNameRulesTests
{
    private const string MissingNames = "incorrect instrumentation configuration - please provide container names for all instrumentations";

    [Theory]
    [InlineData("")]
    [InlineData("app")]
    [InlineData("app-1,App-2,3")]
    [InlineData(",,")]
    [InlineData("a,,b")]
    public void IsValid_LettersDigitsDashesCommasOrEmpty_IsTrue(string value) => Assert.True(ContainerNameRules.IsValid(value));

    [Theory]
    [InlineData("app1, app2")]
    [InlineData("my_app")]
    [InlineData("app.v2")]
    [InlineData("app\n")]
    [InlineData("ápp")]
    [InlineData("app;rm")]
    public void IsValid_OtherCharacters_IsFalse(string value) => Assert.False(ContainerNameRules.IsValid(value));

    [Fact]
    public void Split_EmptyEntries_AreKeptWithoutTrimming()
    {
        var names = new ContainerNameList();
        ContainerNameRules.Split("common", names);
        ContainerNameRules.Split("a,,b,", names);

        var split = new List<string>();
        foreach (var name in names)
        {
            split.Add(name.Text.ToString());
            Assert.Equal(name.Text.ToString(), names.At(name.Position).ToString());
        }

        Assert.Equal(["common", "a", "", "b", ""], split);
        Assert.Equal(5, names.Count);
        Assert.Equal("b", names[3]);
    }

    [Fact]
    public void Validate_DuplicatesInOneLanguage_ListsEachOnceSortedInBrackets()
        => Assert.Equal("duplicated container names detected: [a b]", ContainerNameRules.Validate([Selected(Language.Java, "b", "a", "c", "b", "a", "a")]));

    [Fact]
    public void Validate_EmptyNamesRepeated_AreNotDuplicates()
        => Assert.Null(ContainerNameRules.Validate([Selected(Language.Java, "", "app", "")]));

    [Fact]
    public void Validate_SameNameInDifferentLanguages_IsValid()
        => Assert.Null(ContainerNameRules.Validate([Selected(Language.Java, "app"), Selected(Language.Python, "app")]));

    [Fact]
    public void Validate_FirstLanguageWithDuplicates_IsTheOneReported()
        => Assert.Equal("duplicated container names detected: [x]",
            ContainerNameRules.Validate([Selected(Language.Java, "x", "x"), Selected(Language.Python, "y", "y")]));

    [Fact]
    public void Validate_DuplicatesCheckedBeforeMissingNames()
        => Assert.Equal("duplicated container names detected: [y]",
            ContainerNameRules.Validate([Selected(Language.Java), Selected(Language.Python, "y", "y")]));

    [Fact]
    public void Validate_OneLanguageWithNamesOneWithout_AsksForNames()
        => Assert.Equal(MissingNames, ContainerNameRules.Validate([Selected(Language.Java, "app"), Selected(Language.Sdk)]));

    [Fact]
    public void Validate_TwoLanguagesWithoutNames_AsksForNames()
        => Assert.Equal(MissingNames, ContainerNameRules.Validate([Selected(Language.Nodejs), Selected(Language.Dotnet)]));

    [Fact]
    public void Validate_SingleLanguageWithoutNames_IsValid()
        => Assert.Null(ContainerNameRules.Validate([Selected(Language.Python)]));

    [Fact]
    public void Validate_EveryLanguageWithNames_IsValid()
        => Assert.Null(ContainerNameRules.Validate([Selected(Language.Java, "a"), Selected(Language.Nodejs, "b"), Selected(Language.Sdk, "a", "b")]));

    private static SelectedLanguage Selected(Language language, params string[] names)
    {
        var selected = new SelectedLanguage(InjectionTable.Get(language), new Instrumentation());
        if (names.Length > 0)
        {
            selected.ContainerNames.Add(string.Join(',', names));
        }

        return selected;
    }
}
