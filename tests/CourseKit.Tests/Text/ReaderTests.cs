using CourseKit.Text;

namespace CourseKit.Tests.Text;

public class ConllUTests
{
    private const string Sample = """
        # newdoc id = sample
        # sent_id = s1
        # text = The red book.
        1	The	the	DET	_	_	3	det	_	_
        2	red	red	ADJ	_	_	3	amod	_	_
        3	book	book	NOUN	_	_	0	root	_	SpaceAfter=No
        4	.	.	PUNCT	_	_	3	punct	_	_

        # sent_id = s2
        # text_en = ignored
        # text = I don't.
        1	I	I	PRON	_	_	2	nsubj	_	_
        2-3	don't	_	_	_	_	_	_	_	_
        2	do	do	AUX	_	_	0	root	_	_
        3	n't	not	PART	_	_	2	advmod	_	_
        3.1	like	like	VERB	_	_	_	_	2:conj	_
        4	.	.	PUNCT	_	_	2	punct	_	_
        1	Run	run	VERB	_	_	0	root	_	_
        """;

    private static IReadOnlyList<TaggedSentence> ParseText(string text) => ConllU.Parse(new StringReader(text), "sample.conllu");

    [Fact]
    public void Reads_forms_and_universal_tags_skipping_ranges_and_empty_nodes()
    {
        var sentences = ParseText(Sample.Replace("\n1\tRun", "\n\n1\tRun"));
        Assert.Equal(3, sentences.Count);
        Assert.Equal(["The", "red", "book", "."], sentences[0].Words);
        Assert.Equal(["DET", "ADJ", "NOUN", "PUNCT"], sentences[0].Tags);
        Assert.Equal("s1", sentences[0].Id);
        Assert.Equal("The red book.", sentences[0].Text);
        Assert.Equal("The/DET red/ADJ book/NOUN ./PUNCT", sentences[0].ToString());
        Assert.Equal(["I", "do", "n't", "."], sentences[1].Words);
        Assert.Equal(["PRON", "AUX", "PART", "PUNCT"], sentences[1].Tags);
        Assert.Equal("I don't.", sentences[1].Text);
        Assert.Equal(4, sentences[1].Length);
        // The last sentence has no comments and ends at the end of the file, without a blank line.
        Assert.Equal(new TaggedSentence(sentences[2].Words, sentences[2].Tags, null, null), sentences[2]);
        Assert.Equal(["Run"], sentences[2].Words);
    }

    [Fact]
    public void A_missing_blank_line_is_reported_with_file_and_line() =>
        FileErrors.AssertAt(() => ParseText(Sample), "sample.conllu", 18, "word ID 1 out of sequence: expected 5");

    [Theory]
    [InlineData("1\tThe\tthe\tDET\t_\t_\t_\t_\t_\n2\tbook\tbook\tNOUN\t_\t_\t_\t_\t_\t_", 1, "found 9")]
    [InlineData("1\tThe\tthe\tDET\t_\t_\t_\t_\t_\t_\n2 book book NOUN _ _ _ _ _ _", 2, "found 1")]
    [InlineData("x\tThe\tthe\tDET\t_\t_\t_\t_\t_\t_", 1, "\"x\" is not a word number")]
    [InlineData("# text = a\n1\ta\ta\t\t_\t_\t_\t_\t_\t_", 2, "UPOS (column 4) must not be empty")]
    public void Malformed_lines_name_file_and_line(string text, int line, string problem) =>
        FileErrors.AssertAt(() => ParseText(text), "sample.conllu", line, problem);

    [Fact]
    public void Read_names_the_path_in_errors()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("coursekit-conllu").FullName, "bad.conllu");
        try
        {
            File.WriteAllText(path, "# sent_id = 1\n1\tHi\thi\tINTJ\n");
            FileErrors.AssertAt(() => ConllU.Read(path), path, 2, "expected 10 tab-separated columns");
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, recursive: true); }
    }
}

public class LabeledTextTests
{
    [Fact]
    public void Reads_text_and_label_skipping_blank_and_comment_lines()
    {
        const string text = "# text<TAB>label\nA good movie.\tpositive\n\n   \nNot good at all!\tnegative\r\n";
        var examples = LabeledText.Parse(new StringReader(text), "reviews.tsv");
        Assert.Equal([new LabeledExample("A good movie.", "positive"), new LabeledExample("Not good at all!", "negative")], examples);
        Assert.Equal("positive: A good movie.", examples[0].ToString());
    }

    [Theory]
    [InlineData("ok\tpositive\nno label here", 2, "found 0 tabs")]
    [InlineData("a\tb\tc", 1, "found 2 tabs")]
    [InlineData("\tpositive", 1, "text before the tab is empty")]
    [InlineData("# c\nfine\t ", 2, "label after the tab is empty")]
    public void A_line_without_exactly_one_tab_names_file_and_line(string text, int line, string problem) =>
        FileErrors.AssertAt(() => LabeledText.Parse(new StringReader(text), "reviews.tsv"), "reviews.tsv", line, problem);
}

internal static class FileErrors
{
    /// <summary>Asserts a <see cref="FormatException"/> whose message starts with <c>source:line: </c> and names the problem.</summary>
    public static void AssertAt(Action read, string source, int line, string problem)
    {
        var ex = Assert.Throws<FormatException>(read);
        Assert.StartsWith($"{source}:{line}: ", ex.Message);
        Assert.Contains(problem, ex.Message);
    }
}
