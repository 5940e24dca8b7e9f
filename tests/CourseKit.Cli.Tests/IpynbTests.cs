namespace CourseKit.Cli.Tests;

public class IpynbTests
{
    private const string Header = """{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [""";

    [Fact]
    public void Source_is_read_the_same_whether_stored_as_a_string_or_a_list_of_lines()
    {
        var notebook = Ipynb.Parse(Header + """
            {"cell_type": "code", "metadata": {}, "source": "var a = 1;\nvar b = 2;", "outputs": []},
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
            {"cell_type": "code", "metadata": {}, "source": [], "outputs": []}
            ]}
            """);

        Assert.Equal(3, notebook.Cells.Count);
        Assert.Equal("var a = 1;\nvar b = 2;", notebook.Cells[0].Source);
        Assert.Equal("# Title\ntext", notebook.Cells[1].Source);
        Assert.Equal("", notebook.Cells[2].Source);
        Assert.Equal(["code", "markdown", "code"], notebook.Cells.Select(c => c.CellType));
        Assert.Equal(2, notebook.Cells[1].Number);
    }

    [Fact]
    public void Output_text_is_concatenated_per_mime_type_and_streams_are_separate()
    {
        var notebook = Ipynb.Parse(Header + """
            {"cell_type": "code", "metadata": {}, "source": "x", "outputs": [
              {"output_type": "display_data", "metadata": {}, "data": {"text/html": ["<b>", "one</b>"], "text/plain": "one"}},
              {"output_type": "stream", "name": "stdout", "text": ["hello\n", "world\n"]},
              {"output_type": "execute_result", "metadata": {}, "execution_count": 1, "data": {"text/html": "<i>two</i>"}},
              {"output_type": "stream", "name": "stderr", "text": "careful\n"}
            ]}]}
            """);

        var cell = notebook.Cells[0];
        Assert.Equal("<b>one</b><i>two</i>", cell.OutputText("text/html"));
        Assert.Equal("one", cell.OutputText("text/plain"));
        Assert.Equal("", cell.OutputText("image/png"));
        Assert.Equal("hello\nworld\ncareful\n", cell.StreamText());
        Assert.Equal("careful\n", cell.StreamText("stderr"));
        Assert.Equal(["text/html", "text/plain"], cell.Outputs[0].MimeTypes);
    }

    [Fact]
    public void A_created_notebook_round_trips_with_sources_as_lines_and_unknown_fields_kept()
    {
        var notebook = Ipynb.CreateCSharp();
        notebook.AddMarkdownCell("# Heading");
        notebook.AddCodeCell("var x = 1;\nx");
        notebook.Metadata["custom"] = "kept";

        var json = notebook.ToJson();
        var again = Ipynb.Parse(json);

        Assert.Contains("\"var x = 1;\\n\",", json);
        Assert.Equal("var x = 1;\nx", again.Cells[1].Source);
        Assert.Equal("csharp", again.Cells[1].Language);
        Assert.Equal(".net-csharp", again.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("kept", again.Metadata["custom"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"cells": [""", "malformed JSON")]
    [InlineData("""[1, 2]""", "not a JSON object")]
    [InlineData("""{"cells": []}""", "no integer 'nbformat'")]
    [InlineData("""{"nbformat": 3, "cells": []}""", "nbformat 3 is not supported")]
    [InlineData("""{"nbformat": 4}""", "'cells' is missing")]
    [InlineData("""{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}""", "cell 1: 'source' must be a string or a list of strings")]
    [InlineData("""{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ""}, {"cell_type": "chart", "source": ""}]}""", "cell 2: 'cell_type'")]
    [InlineData("""{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": {}}]}""", "cell 1: 'outputs' must be a list")]
    public void Invalid_notebooks_are_rejected_with_the_problem_named(string json, string problem)
    {
        var error = Assert.Throws<IpynbFormatException>(() => Ipynb.Parse(json));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Load_names_the_file_in_its_error()
    {
        using var temp = new TempFolder();
        var path = temp.File("broken.ipynb");
        File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<IpynbFormatException>(() => Ipynb.Load(path));

        Assert.StartsWith(path + ": malformed JSON", error.Message);
    }

    [Fact]
    public void Errors_are_found_in_an_executed_notebook_with_1_based_cell_numbers_counting_markdown()
    {
        // An error output as Jupyter stores it: evalue carries the type, message and stack trace.
        var executed = Ipynb.Parse(Header + """
            {"cell_type": "markdown", "metadata": {}, "source": "# Lesson"},
            {"cell_type": "code", "metadata": {}, "source": "1", "outputs": [
              {"output_type": "display_data", "metadata": {}, "data": {"text/plain": "1"}}]},
            {"cell_type": "code", "metadata": {}, "source": "throw", "outputs": [
              {"output_type": "error", "ename": "Error", "evalue": "System.InvalidOperationException: boom\n   at Submission#2.<<Initialize>>d__0.MoveNext()", "traceback": []}]},
            {"cell_type": "markdown", "metadata": {}, "source": "more"},
            {"cell_type": "code", "metadata": {}, "source": "int y = \"s\";", "outputs": [
              {"output_type": "stream", "name": "stdout", "text": "before\n"},
              {"output_type": "error", "ename": "Error", "evalue": "(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", "traceback": [""]}]}
            ]}
            """);

        var errors = executed.FindErrors();

        Assert.Equal([3, 5], errors.Select(e => e.Cell));
        Assert.Equal("System.InvalidOperationException: boom", errors[0].FirstLine);
        Assert.Equal("cell 3: System.InvalidOperationException: boom", errors[0].Headline);
        Assert.Equal("Error", errors[1].EName);
        Assert.Equal("(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", errors[1].Message);
    }

    [Fact]
    public void A_notebook_without_error_outputs_has_no_errors()
    {
        var notebook = Ipynb.CreateCSharp();
        notebook.AddCodeCell("1");
        Assert.Empty(notebook.FindErrors());
    }
}
