namespace CourseKit.Cli.Tests;

/// <summary>Inputs rejected before the engine starts: these need no dotnet-repl.</summary>
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
}
