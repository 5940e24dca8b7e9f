using System.Text.RegularExpressions;

namespace CourseKit.Text;

/// <summary>
/// Splits text into word and punctuation tokens, the first step from a sentence to the ids an RNN reads.
/// </summary>
/// <remarks>
/// <para>Rules, applied left to right (deterministic, no dictionary):</para>
/// <list type="bullet">
/// <item>A <b>word</b> is a run of letters and digits, which may continue across an apostrophe or hyphen followed by more
/// letters or digits: <c>don't</c>, <c>it's</c> and <c>well-known</c> stay one token each. (Universal Dependencies
/// would split <c>don't</c> into <c>do</c> + <c>n't</c>; keeping it whole is simpler and loses nothing for a small RNN.)</item>
/// <item>A <b>number</b> may contain a decimal point or thousands separator between digits: <c>3.5</c>, <c>1,000</c>.</item>
/// <item>Every other visible character (<c>. , ! ? $ % ( )</c> …) is a token of its own; whitespace only separates.</item>
/// </list>
/// <para>With <see cref="Lowercase"/> (the default) every token is lower-cased with the invariant culture, so
/// "The" and "the" get one id.</para>
/// </remarks>
public sealed partial class Tokenizer
{
    /// <summary>A tokenizer; <paramref name="lowercase"/> folds case so "The" and "the" are one token.</summary>
    public Tokenizer(bool lowercase = true) => Lowercase = lowercase;

    /// <summary>Whether tokens are lower-cased.</summary>
    public bool Lowercase { get; }

    /// <summary>The tokens of <paramref name="text"/>, in order; an empty list for empty or blank text.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        foreach (Match m in TokenPattern().Matches(text))
            tokens.Add(Lowercase ? m.Value.ToLowerInvariant() : m.Value);
        return tokens;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Tokenizer(lowercase: {Lowercase})";

    // Numbers first (so "3.5" is not "3" "." "5"), then words with inner apostrophes or hyphens, then any single
    // visible character.
    [GeneratedRegex(@"\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
