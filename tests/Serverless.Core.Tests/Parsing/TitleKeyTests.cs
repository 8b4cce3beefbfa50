using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>What identifies an article by its title when a CMS names a related article only by title.</summary>
public sealed class TitleKeyTests
{
    [Theory]
    [InlineData("Sony Pictures : l'Empire contre-attaque... avec du DDoS", "Sony Pictures : l’Empire contre-attaque… avec du DDoS")]
    [InlineData("« Le film sortira »", "\"Le film sortira\"")]
    [InlineData("ÉTÉ À PARIS", "ete a paris")]
    [InlineData("E\u0301te\u0301", "Été")]
    [InlineData("Node.js 22 est sorti", "NodeJS 22 est sorti")]
    public void Typographic_variants_of_a_title_have_the_same_key(string written, string published) =>
        Assert.Equal(TitleKey.From(published), TitleKey.From(written));

    [Fact]
    public void Key_is_lower_case_ascii_words_separated_by_single_spaces() =>
        Assert.Equal("sony pictures lempire contre attaque avec du ddos", TitleKey.From("  Sony Pictures : l'Empire contre-attaque... avec du DDoS ! "));

    [Fact]
    public void Different_titles_have_different_keys() =>
        Assert.NotEqual(TitleKey.From("Sony Pictures : la riposte"), TitleKey.From("Sony Pictures : la réponse"));
}
