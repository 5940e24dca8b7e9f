using System.Diagnostics;

namespace CourseKit.Cli.Tests;

/// <summary>End to end: the real dotnet-repl runs tiny notebooks written to a temp folder.</summary>
[Collection(EngineCollection.Name)]
public class NotebookRunnerEngineTests
{
    /// <summary>Writes a C# notebook built by <paramref name="build"/> into the temp folder and runs it into temp/out.</summary>
    private static async Task<NotebookRunResult> RunAsync(
        TempFolder temp, string name, TimeSpan timeout, Action<Ipynb> build, CancellationToken cancellationToken = default)
    {
        var notebook = Ipynb.CreateCSharp();
        build(notebook);
        var path = temp.File(name + ".ipynb");
        notebook.Save(path);
        return await NotebookRunner.RunAsync(path, temp.File("out"), timeout, cancellationToken);
    }

    [Fact]
    public async Task A_passing_notebook_runs_in_its_own_folder_and_its_outputs_can_be_read()
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "tiny", TimeSpan.FromSeconds(120), notebook =>
        {
            notebook.AddMarkdownCell("# Tiny");
            notebook.AddCodeCell("Console.WriteLine(\"hello from cell two\");\nvar x = 1 + 2;\nx");
            notebook.AddCodeCell("System.IO.Directory.GetCurrentDirectory()");
        });

        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Errors);
        Assert.Equal(temp.File("out/tiny.ipynb"), result.ExecutedPath);
        Assert.True(File.Exists(result.LogPath));
        var cells = result.Notebook!.Cells;
        Assert.Equal(3, cells.Count);
        Assert.Equal("hello from cell two\n", cells[1].StreamText("stdout"));
        Assert.Contains("<pre>3</pre>", cells[1].OutputText("text/html"));
        // Relative #r paths work only because the engine runs with the notebook's folder as its working directory.
        Assert.Equal(temp.Path, cells[2].OutputText("text/plain"));
    }

    [Fact]
    public async Task A_failing_cell_is_reported_with_its_number_and_message_and_later_cells_still_run()
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "failing", TimeSpan.FromSeconds(120), notebook =>
        {
            notebook.AddCodeCell("var ready = true;");
            notebook.AddMarkdownCell("The next cell fails on purpose.");
            notebook.AddCodeCell("throw new InvalidOperationException(\"planned failure\");");
            notebook.AddCodeCell("Console.WriteLine(\"after the failure\");");
        });

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Cell);
        Assert.Equal("System.InvalidOperationException: planned failure", error.FirstLine);
        // dotnet-repl does not stop at the failing cell.
        Assert.Equal("after the failure\n", result.Notebook!.Cells[3].StreamText());
    }

    [Fact]
    public async Task A_notebook_that_runs_too_long_is_killed_and_reported_as_timed_out()
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "forever", TimeSpan.FromSeconds(20), WritePidThenLoopForever);

        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        Assert.Equal("timed out after 20 s", Assert.Single(result.Errors).Message);
        Assert.InRange(result.Seconds, 19.5, 45);
        Assert.Null(result.ExecutedPath);
        Assert.Null(result.ExitCode);
        Assert.Contains("# killed: timed out after 20 s", File.ReadAllText(result.LogPath!));
        AssertEngineIsGone(temp);
    }

    [Fact]
    public async Task Cancelling_a_run_kills_the_engine_and_throws()
    {
        using var temp = new TempFolder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RunAsync(temp, "cancelled", TimeSpan.FromSeconds(120), WritePidThenLoopForever, cancel.Token));

        Assert.Contains("# killed: the run was cancelled", File.ReadAllText(temp.File("out/cancelled.log")));
        AssertEngineIsGone(temp);
    }

    private static void WritePidThenLoopForever(Ipynb notebook)
    {
        // The kernel runs inside the dotnet-repl process, so this is the id of the process the runner started.
        notebook.AddCodeCell("System.IO.File.WriteAllText(\"engine.pid\", Environment.ProcessId.ToString());");
        notebook.AddCodeCell("while (true) { }");
    }

    private static void AssertEngineIsGone(TempFolder temp)
    {
        var pid = int.Parse(File.ReadAllText(temp.File("engine.pid")));
        Assert.False(IsRunning(pid), $"the engine process {pid} is still running");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
