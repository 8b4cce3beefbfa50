using System.Text;
using CsCheck;
using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Text is compared in form C; below U+0300 it is taken as form C without asking ICU, which must never be wrong.</summary>
public sealed class NfcTests
{
    [Fact]
    public void Every_character_below_U0300_is_form_C_on_its_own() =>
        Assert.All(Enumerable.Range(0, 0x300).Select(code => ((char)code).ToString()), text => Assert.True(text.IsNormalized(NormalizationForm.FormC)));

    [Fact]
    public void Text_of_characters_below_U0300_in_any_order_is_form_C() =>
        Gen.Char['\0', '\u02FF'].Array[0, 40].Select(chars => new string(chars))
            .Sample(text => Assert.Equal(text.Normalize(NormalizationForm.FormC), Nfc.Normalize(text)), iter: GeneratedRuns.Iterations(5000));

    [Theory]
    [InlineData("Cafe\u0301", "Café")]
    [InlineData("e\u0301te\u0301", "été")]
    [InlineData("\u1100\u1161", "\uAC00")]
    public void Decomposed_text_is_composed(string text, string composed) =>
        Assert.Equal(composed, Nfc.Normalize(text));

    [Fact]
    public void Text_already_in_form_C_is_the_same_string()
    {
        var text = "Sony Pictures : « The Interview » — 中文";

        Assert.Same(text, Nfc.Normalize(text));
    }
}
