namespace CourseKit.Text;

/// <summary>One example of a text classification set: a sentence and its class.</summary>
/// <param name="Text">The raw sentence (tokenize it with <see cref="Tokenizer"/>).</param>
/// <param name="Label">Its class, for example <c>positive</c>.</param>
public sealed record LabeledExample(string Text, string Label)
{
    /// <summary>For example <c>positive: a good movie</c>.</summary>
    public override string ToString() => $"{Label}: {Text}";
}
