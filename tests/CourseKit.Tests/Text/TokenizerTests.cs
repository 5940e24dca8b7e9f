using CourseKit.Text;

namespace CourseKit.Tests.Text;

public class TokenizerTests
{
    [Theory]
    [InlineData("The red book.", new[] { "the", "red", "book", "." })]
    [InlineData("A good movie!", new[] { "a", "good", "movie", "!" })]
    [InlineData("I don't like it, really?", new[] { "i", "don't", "like", "it", ",", "really", "?" })]
    [InlineData("It’s well-known.", new[] { "it’s", "well-known", "." })]
    [InlineData("The ticket costs $5.50 (or 1,000 yen).", new[] { "the", "ticket", "costs", "$", "5.50", "(", "or", "1,000", "yen", ")", "." })]
    [InlineData("Prices rose 10%...", new[] { "prices", "rose", "10", "%", ".", ".", "." })]
    [InlineData("  tabs\tand\nnewlines  ", new[] { "tabs", "and", "newlines" })]
    [InlineData("Café NAÏVE", new[] { "café", "naïve" })]
    [InlineData("'quoted' words", new[] { "'", "quoted", "'", "words" })]
    public void Splits_words_and_punctuation(string text, string[] expected) =>
        Assert.Equal(expected, new Tokenizer().Tokenize(text));

    [Fact]
    public void Keeps_case_when_asked()
    {
        Assert.Equal(["The", "Red", "book", "."], new Tokenizer(lowercase: false).Tokenize("The Red book."));
        Assert.False(new Tokenizer(lowercase: false).Lowercase);
    }

    [Fact]
    public void Blank_text_gives_no_tokens_and_null_is_an_error()
    {
        Assert.Empty(new Tokenizer().Tokenize(""));
        Assert.Empty(new Tokenizer().Tokenize(" \t\n"));
        Assert.Throws<ArgumentNullException>(() => new Tokenizer().Tokenize(null!));
    }
}
