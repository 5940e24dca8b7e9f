namespace CourseKit.Cli.Tests;

/// <summary>Inputs rejected before a worker starts: one clear error each, never a crash or a hang.</summary>
public class NotebookRunnerValidationTests
{
    private static Task<NotebookRunResult> RunAsync(string path, string outDir) =>
        NotebookRunner.RunAsync(path, outDir, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Malformed_json_is_an_invalid_result_naming_the_file_not_a_crash()
    {
        using var temp = new TempFolder();
        var path = temp.File("broken.ipynb");
        File.WriteAllText(path, """{"cells": [ {"cell_type": "code",""");

        var result = await RunAsync(path, temp.File("out"));

        Assert.Equal(NotebookStatus.Invalid, result.Status);
        Assert.Equal("invalid", result.StatusText);
        Assert.Equal("broken", result.Name);
        var error = Assert.Single(result.Errors);
        Assert.Null(error.Cell);
        Assert.StartsWith($"{path}: malformed JSON", error.Message);
        Assert.Null(result.ExecutedPath);
        Assert.Null(result.Notebook);
        Assert.False(File.Exists(temp.File("out/broken.log")));
    }

    [Fact]
    public async Task An_old_nbformat_is_invalid()
    {
        using var temp = new TempFolder();
        var path = temp.File("old.ipynb");
        File.WriteAllText(path, """{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}""");

        var result = await RunAsync(path, temp.File("out"));

        Assert.Equal(NotebookStatus.Invalid, result.Status);
        Assert.Equal($"{path}: nbformat 3 is not supported (only nbformat 4)", result.FirstError!.Message);
    }

    [Fact]
    public async Task A_missing_file_is_invalid()
    {
        using var temp = new TempFolder();

        var result = await RunAsync(temp.File("nope.ipynb"), temp.Path);

        Assert.Equal(NotebookStatus.Invalid, result.Status);
        Assert.Contains("nope.ipynb: file not found", result.FirstError!.Message);
    }

    [Fact]
    public async Task Running_a_notebook_into_its_own_folder_is_refused_so_the_input_survives()
    {
        using var temp = new TempFolder();
        var path = temp.File("lesson.ipynb");
        Ipynb.CreateCSharp().Save(path);
        var before = File.ReadAllText(path);

        var result = await RunAsync(path, temp.Path);

        Assert.Equal(NotebookStatus.Invalid, result.Status);
        Assert.Contains("would overwrite it", result.FirstError!.Message);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Theory]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [], "cells": []}""", "malformed JSON: Duplicate property 'cells'")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 42, "metadata": {}}]}""",
        "cell 1: 'source' must be a string or a list of strings")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ["a", 1], "metadata": {}}]}""",
        "cell 1: 'source' must be a string or a list of strings")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "sql", "source": "", "metadata": {}}]}""",
        "cell 1: 'cell_type' must be one of code, markdown, raw")]
    [InlineData("""{"nbformat": "4", "cells": []}""", "no integer 'nbformat' field: not a Jupyter notebook")]
    [InlineData("""[1, 2, 3]""", "the top level is not a JSON object")]
    [InlineData("", "malformed JSON")]
    public async Task A_malformed_notebook_gets_one_error_that_names_the_problem(string json, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.ipynb");
        File.WriteAllText(path, json);

        var result = await RunAsync(path, temp.File("out"));

        Assert.Equal(NotebookStatus.Invalid, result.Status);
        Assert.StartsWith($"{path}: {expected}", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task A_notebook_with_too_many_cells_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp.File("many.ipynb");
        var cell = """{"cell_type": "code", "source": "1", "metadata": {}, "outputs": []}""";
        File.WriteAllText(path, $$"""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{{string.Join(",", Enumerable.Repeat(cell, 100_000))}}]}""");

        var result = await RunAsync(path, temp.File("out"));

        Assert.Equal($"{path}: 100000 cells, over the limit of {Ipynb.MaxCells}", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task A_notebook_of_hundreds_of_megabytes_is_refused_before_it_is_read()
    {
        using var temp = new TempFolder();
        var path = temp.File("huge.ipynb");
        using (var file = File.Create(path))
        {
            file.SetLength(300L * 1024 * 1024);   // sparse: no disk is written
        }

        var result = await RunAsync(path, temp.File("out"));

        Assert.Equal($"{path}: the file is 300 MB, over the 100 MB limit for a notebook", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task A_fifo_or_a_device_is_refused_without_reading_it()
    {
        using var temp = new TempFolder();
        var fifo = temp.File("pipe.ipynb");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        foreach (var path in new[] { fifo, "/dev/zero" })
        {
            var result = await RunAsync(path, temp.File("out"));
            Assert.Equal($"{path}: not a regular file (a FIFO, socket or device)", Assert.Single(result.Errors).Message);
        }
    }

    [Fact]
    public async Task A_folder_is_not_a_notebook()
    {
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("lesson.ipynb")).FullName;

        var result = await RunAsync(folder, temp.File("out"));

        Assert.Equal($"{folder}: is a folder, not a notebook", Assert.Single(result.Errors).Message);
    }
}
