using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Tests;

/// <summary>End to end: the real notebook worker runs small notebooks written to a temp folder, cell by cell.</summary>
[Collection(EngineCollection.Name)]
public class NotebookRunnerEngineTests
{
    private static readonly RunLimits TwoMinutes = new(TimeSpan.FromSeconds(120));

    /// <summary>Writes a C# notebook built by <paramref name="build"/> into the temp folder and runs it into temp/out.</summary>
    private static async Task<NotebookRunResult> RunAsync(
        TempFolder temp, string name, RunLimits limits, Action<Ipynb> build, CancellationToken cancellationToken = default)
    {
        var notebook = Ipynb.CreateCSharp();
        build(notebook);
        var path = temp.File(name + ".ipynb");
        notebook.Save(path);
        return await NotebookRunner.RunAsync(path, temp.File("out"), limits, cancellationToken);
    }

    private static string Status(IpynbCell cell) => cell.Metadata["coursekit"]!["status"]!.GetValue<string>();

    [Fact]
    public async Task A_passing_notebook_runs_in_its_own_folder_and_keeps_each_cells_outputs_and_time()
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "tiny", TwoMinutes, notebook =>
        {
            notebook.AddMarkdownCell("# Tiny");
            notebook.AddCodeCell("Console.WriteLine(\"hello from cell two\");\nvar x = 1 + 2;\nx");
            notebook.AddCodeCell("System.IO.Directory.GetCurrentDirectory()");
            notebook.AddCodeCell("var shown = display(\"first\");\nshown.Update(\"second\");\nConsole.Error.WriteLine(\"to stderr\");");
            notebook.AddCodeCell("shown.Update(\"third, from a later cell\");");
            notebook.AddCodeCell("   ");
        });

        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(temp.File("out/tiny.ipynb"), result.ExecutedPath);
        Assert.True(File.Exists(result.LogPath));
        var cells = result.Notebook!.Cells;
        Assert.Equal(6, cells.Count);
        Assert.Equal("hello from cell two\n", cells[1].StreamText("stdout"));
        var three = Assert.Single(cells[1].Outputs, o => o.OutputType == "execute_result");
        Assert.Contains("<pre>3</pre>", three.Data("text/html"));
        Assert.Equal(1, cells[1].Json["execution_count"]!.GetValue<int>());
        Assert.Equal(1, three.Json["execution_count"]!.GetValue<int>());
        // Relative #r paths work only because the worker runs with the notebook's folder as its working directory.
        Assert.Equal(temp.Path, cells[2].OutputText("text/plain"));
        // An updated display is replaced where it was shown, even from a later cell; stderr is its own stream.
        Assert.Equal("third, from a later cell", Assert.Single(cells[3].Outputs, o => o.OutputType == "display_data").Data("text/plain"));
        Assert.Equal("to stderr\n", cells[3].StreamText("stderr"));
        Assert.Empty(cells[4].Outputs);
        // Every code cell carries its time and how it ended, in the notebook and in the result.
        foreach (var cell in cells.Where(c => c.CellType == "code"))
        {
            Assert.Equal("ok", Status(cell));
            Assert.True(cell.Metadata["coursekit"]!["seconds"]!.GetValue<double>() >= 0);
        }
        Assert.NotNull(cells[1].Metadata["execution"]!["iopub.execute_input"]);
        Assert.NotNull(cells[1].Metadata["execution"]!["shell.execute_reply"]);
        Assert.Equal([2, 3, 4, 5, 6], result.Cells.Select(c => c.Cell));
        Assert.All(result.Cells, c => Assert.Equal("ok", c.Status));
        Assert.True(result.Cells[0].Seconds > 0);
    }

    [Fact]
    public async Task A_failing_cell_is_reported_with_its_number_and_message_and_later_cells_still_run()
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "failing", TwoMinutes, notebook =>
        {
            notebook.AddCodeCell("var ready = true;");
            notebook.AddMarkdownCell("The next cells fail on purpose.");
            notebook.AddCodeCell("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"planned failure\");");
            notebook.AddCodeCell("int wrong = \"text\";");
            notebook.AddCodeCell("Console.WriteLine(\"after the failures\");");
        });

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal((3, "System.InvalidOperationException", "System.InvalidOperationException: planned failure"),
            (result.Errors[0].Cell!.Value, result.Errors[0].EName, result.Errors[0].FirstLine));
        Assert.Equal((4, "CompilationError"), (result.Errors[1].Cell!.Value, result.Errors[1].EName));
        Assert.Contains("error CS0029", result.Errors[1].FirstLine);
        var cells = result.Notebook!.Cells;
        Assert.Equal("before\n", cells[2].StreamText());
        Assert.Equal(["ok", "error", "error", "ok"], result.Cells.Select(c => c.Status));
        Assert.Equal("after the failures\n", cells[4].StreamText());
    }

    [Fact]
    public async Task Multi_byte_characters_across_every_4096_byte_boundary_reach_the_kernel_and_come_back_intact()
    {
        using var temp = new TempFolder();
        var path = temp.File("utf8.ipynb");
        var (boundaries, expected) = Utf8Notebook.Write(path);

        var result = await NotebookRunner.RunAsync(path, temp.File("out"), TwoMinutes);

        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => e.Message)));
        // Every boundary of the file lies inside a character of 2, 3 or 4 bytes, and each width is covered.
        Assert.Equal([2, 3, 4], boundaries.Select(b => b.Width).Distinct().Order());
        var cells = result.Notebook!.Cells;
        Assert.Equal(expected.Count, cells.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], cells[i].StreamText("stdout"));
        }
    }

    [Fact]
    public async Task A_cell_over_its_time_limit_is_stopped_and_the_cells_before_it_keep_their_outputs()
    {
        using var temp = new TempFolder();
        var clock = Stopwatch.StartNew();
        var result = await RunAsync(temp, "forever", new RunLimits(TimeSpan.FromSeconds(120), Cell: TimeSpan.FromSeconds(5)), WritePidThenLoopForever);

        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        Assert.InRange(clock.Elapsed.TotalSeconds, 5, 60);
        AssertFirstThreeCellsKeptAndTheRestNotRun(result, "timed out");
        var error = result.Notebook!.Cells[3].Outputs.Single(o => o.OutputType == "error");
        Assert.Equal("Timeout", error.EName);
        Assert.Equal("this cell ran longer than the time limit per cell, 5 s (--cell-timeout); the worker was stopped", error.EValue);
        Assert.Contains("# killed: timed out in cell 4", File.ReadAllText(result.LogPath!));
        AssertWorkerIsGone(temp);
    }

    [Fact]
    public async Task A_notebook_over_its_time_limit_is_stopped_in_the_cell_that_was_running()
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "forever", new RunLimits(TimeSpan.FromSeconds(8)), WritePidThenLoopForever);

        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        AssertFirstThreeCellsKeptAndTheRestNotRun(result, "timed out");
        Assert.Equal("the notebook ran longer than its time limit, 8 s (--timeout); the worker was stopped in this cell",
            result.Notebook!.Cells[3].Outputs.Single(o => o.OutputType == "error").EValue);
        AssertWorkerIsGone(temp);
    }

    [Theory]
    [InlineData("Environment.Exit(3);", "the kernel process exited with code 3 (Environment.Exit, or a crash) while this cell ran")]
    [InlineData("int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0);", "the kernel process crashed with a stack overflow while this cell ran")]
    [InlineData("new System.Threading.Thread(() => throw new InvalidOperationException(\"thrown on a thread\")).Start();\nSystem.Threading.Thread.Sleep(30_000);",
        "the kernel process crashed: Unhandled exception. System.InvalidOperationException: thrown on a thread (an exception on another thread ends the process) while this cell ran")]
    public async Task A_cell_that_ends_the_worker_is_marked_with_why_and_the_cells_before_it_keep_their_outputs(string code, string expected)
    {
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "stops", TwoMinutes, notebook =>
        {
            notebook.AddCodeCell("System.IO.File.WriteAllText(\"engine.pid\", Environment.ProcessId.ToString());\nConsole.WriteLine(\"one\");");
            notebook.AddCodeCell("Console.WriteLine(\"two\");");
            notebook.AddCodeCell("display(\"three\");");
            notebook.AddCodeCell(code);
            notebook.AddCodeCell("Console.WriteLine(\"five\");");
        });

        Assert.Equal(NotebookStatus.Failed, result.Status);
        AssertFirstThreeCellsKeptAndTheRestNotRun(result, "stopped");
        var error = result.Notebook!.Cells[3].Outputs.Single(o => o.OutputType == "error");
        Assert.Equal("WorkerStopped", error.EName);
        Assert.StartsWith(expected + "; later cells did not run", error.EValue);
        Assert.Equal(4, result.FirstError!.Cell);
        AssertWorkerIsGone(temp);
    }

    [Fact]
    public async Task Cancelling_a_run_kills_the_worker_and_throws()
    {
        using var temp = new TempFolder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RunAsync(temp, "cancelled", TwoMinutes, WritePidThenLoopForever, cancel.Token));

        Assert.Contains("# killed: the run was cancelled", File.ReadAllText(temp.File("out/cancelled.log")));
        AssertWorkerIsGone(temp);
    }

    [Fact]
    public async Task Cells_for_other_kernels_and_their_magic_commands_get_an_error_naming_what_is_supported()
    {
        string[] foreign = ["#!fsharp\nlet x = 1", "#!pwsh\nGet-Date", "#!javascript\nconsole.log(1)", "#!html\n<b>hi</b>",
            "#!set --name x --value 1", "#!share --from fsharp x", "#!time\n1 + 1", "#r \"nuget: Newtonsoft.Json, 13.0.1\"", "#i \"nuget: /tmp/feed\""];
        using var temp = new TempFolder();
        var result = await RunAsync(temp, "magics", TwoMinutes, notebook =>
        {
            foreach (var code in foreign)
            {
                notebook.AddCodeCell(code);
            }
            var fsharp = notebook.AddCodeCell("let y = 2");
            fsharp.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = "fsharp" };
            notebook.AddCodeCell("#!csharp\nConsole.WriteLine(\"C# still runs\");");
            notebook.AddCodeCell("#!who");
        });

        Assert.Equal(NotebookStatus.Failed, result.Status);
        var cells = result.Notebook!.Cells;
        for (var i = 0; i < foreign.Length; i++)
        {
            var error = Assert.Single(cells[i].Outputs);
            Assert.Equal("UnsupportedCell", error.EName);
            Assert.Contains("coursekit runs C# cells only", error.EValue);
            Assert.Contains(foreign[i].StartsWith("#!", StringComparison.Ordinal) ? $"'{foreign[i].Split('\n', ' ')[0]}'" : "NuGet references", error.EValue);
        }
        Assert.StartsWith("this cell is for the 'fsharp' kernel; coursekit runs C# cells only", cells[foreign.Length].Outputs.Single().EValue);
        Assert.Equal("C# still runs\n", cells[foreign.Length + 1].StreamText());
        Assert.Equal("ok", Status(cells[foreign.Length + 2]));
        Assert.Equal(foreign.Length + 1, result.Errors.Count);
    }

    [Fact]
    public async Task Plotly_nets_own_api_and_every_kit_type_display_in_the_worker()
    {
        using var temp = new TempFolder();
        var kit = KitSetup.KitAssemblyIn(RepoLocator.Find(AppContext.BaseDirectory)!);
        var result = await RunAsync(temp, "displays", TwoMinutes, notebook =>
        {
            notebook.AddCodeCell($"#r \"{kit}\"\nusing CourseKit.Tensors;\nusing CourseKit.Interactive;\nusing CourseKit.Layers;\nusing CourseKit.Activations;\nusing CourseKit.Recurrent;\nusing CourseKit.Losses;\nusing CourseKit.Gradients;\nKit.Setup()");
            // The C# bindings, an F# function value and an F# union case, straight from a cell.
            notebook.AddCodeCell("""
                using Plotly.NET;
                var line = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2, 3 }, y: new[] { 1.0, 10, 100 }, Name: "growth");
                var titled = Plotly.NET.Chart.withTitle("log scale", null).Invoke(line);
                Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, double>(titled, TitleText: "y", AxisType: StyleParam.AxisType.Log)
                """);
            notebook.AddCodeCell("Tensor.FromRows(new[] { 1.0, 2 }, new[] { 3.0, 4 })");
            notebook.AddCodeCell("var unit = new Dense<double>(Tensor.Column(0.5, -0.25), Tensor.Row(0.1), new Sigmoid<double>());\nunit.ExplainUnit(Tensor.Row(1.0, 2.0))");
            notebook.AddCodeCell("var layer = new RecurrentLayer<double>(new SimpleRnnCell<double>(2, 2, RnnNonlinearity.Tanh, new Random(0)));\nlayer.Forward(SequenceBatch<double>.FromSequence(Tensor.FromRows(new[] { 1.0, 0 }, new[] { 0.0, 1 })));\nlayer.Trace()");
            notebook.AddCodeCell("GradientCheck.CheckLayer(new Dense<double>(2, 2, new Tanh<double>(), new Random(1)), Tensor.Row(0.3, -0.2))");
            notebook.AddCodeCell("Kit.Html(\"<b id='block'>bold</b>\")");
        });

        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => e.Message)));
        var cells = result.Notebook!.Cells;
        Assert.StartsWith("CourseKit ", cells[0].OutputText("text/plain"));
        var chart = cells[1].OutputText("text/html");
        Assert.Contains(".newPlot(", chart);
        Assert.Contains("\"type\":\"log\"", chart);
        Assert.Contains("log scale", chart);
        Assert.Contains("<table class=\"coursekit-tensor\"", cells[2].OutputText("text/html"));
        var unit = cells[3].OutputText("text/latex");
        Assert.Contains(@"\sigma", unit);
        // The header's special characters are set as math, not as text-mode escapes, which MathJax 3 shows literally.
        Assert.Contains(@"&\textbf{Unit 1: o = sigmoid(}{\boldsymbol{\Sigma}}\textbf{ₖ iₖ wₖ,₁ + b)}", unit);
        Assert.DoesNotContain(@"\_", unit);
        Assert.Contains("<table", cells[4].OutputText("text/html"));
        Assert.Contains("PASSED", cells[5].OutputText("text/html"));
        Assert.Equal("<b id='block'>bold</b>", cells[6].OutputText("text/html"));
    }

    [Fact]
    public async Task Outside_the_kits_worker_the_set_up_sends_plotly_js_once_and_leaves_an_empty_output()
    {
        using var temp = new TempFolder();
        var kit = KitSetup.KitAssemblyIn(RepoLocator.Find(AppContext.BaseDirectory)!);
        var result = await RunAsync(temp, "plotly-session", TwoMinutes, notebook =>
        {
            // As in VS Code or Jupyter: the variable the kit's worker sets is not there.
            notebook.AddCodeCell($"#r \"{kit}\"\nSystem.Environment.SetEnvironmentVariable(\"COURSEKIT_HEADLESS\", null);");
            notebook.AddCodeCell("CourseKit.Interactive.Kit.Setup()");
            notebook.AddCodeCell("Console.WriteLine(CourseKit.Interactive.Charts.PlotlyInSession.SendOnce());");
            notebook.AddCodeCell("""
                var script = CourseKit.Interactive.Charts.PlotlyInSession.ScriptHtml();
                Console.WriteLine($"{script.Length} {script.IndexOf("</script", StringComparison.OrdinalIgnoreCase)} {CourseKit.Interactive.Charts.PlotlyInSession.Version}");
                Console.WriteLine(script[..160]);
                """);
        });

        Assert.True(result.Passed, string.Join("\n", result.Errors.Select(e => e.Message)));
        var setup = result.Notebook!.Cells[1];
        // The script was displayed, then replaced by nothing: the saved notebook stays small.
        Assert.Equal("", setup.Outputs.Single(o => o.Data("text/html") is not null).Data("text/html"));
        Assert.True(setup.Json.ToJsonString().Length < 10_000, $"the set-up cell saved {setup.Json.ToJsonString().Length} characters");
        Assert.StartsWith("CourseKit ", setup.OutputText("text/plain"));
        Assert.Equal("False\n", result.Notebook.Cells[2].StreamText());   // once per session

        // The whole bundle, one closing tag (its own), require.js's define hidden while it runs.
        var printed = result.Notebook.Cells[3].StreamText().Split('\n');
        var numbers = printed[0].Split(' ');
        int length = int.Parse(numbers[0]), closing = int.Parse(numbers[1]);
        Assert.True(length > 3_000_000, $"the whole bundle: {length} characters");
        Assert.Equal(length - "</script>".Length, closing);
        Assert.Matches(@"^\d+\.\d+\.\d+$", numbers[2]);
        Assert.StartsWith("<script type=\"text/javascript\">(function () { if (window.Plotly) return; var define = undefined;", printed[1]);
    }

    [Fact]
    public async Task Run_exits_non_zero_when_a_notebook_times_out_and_the_summary_has_each_cells_time()
    {
        using var temp = new TempFolder();
        var notebook = Ipynb.CreateCSharp();
        WritePidThenLoopForever(notebook);
        notebook.Save(temp.File("forever.ipynb"));
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["run", temp.File("forever.ipynb"), "--out", temp.File("out"), "--no-setup", "--cell-timeout", "4"],
            temp.Path, stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("✗ forever", stdout.ToString());
        Assert.Contains("cell 4: this cell ran longer than the time limit per cell, 4 s (--cell-timeout)", stdout.ToString());
        var summary = JsonNode.Parse(File.ReadAllText(temp.File("out/summary.json")))!["notebooks"]![0]!;
        Assert.Equal("timed out", summary["status"]!.GetValue<string>());
        var cells = summary["cells"]!.AsArray();
        Assert.Equal(["ok", "ok", "ok", "timed out", "not run"], cells.Select(c => c!["status"]!.GetValue<string>()));
        Assert.Null(cells[4]!["seconds"]);
        Assert.InRange(cells[3]!["seconds"]!.GetValue<double>(), 4, 30);
    }

    private static void WritePidThenLoopForever(Ipynb notebook)
    {
        // The kernel runs inside the worker process, so this is the id of the process the runner started.
        notebook.AddCodeCell("System.IO.File.WriteAllText(\"engine.pid\", Environment.ProcessId.ToString());\nConsole.WriteLine(\"one\");");
        notebook.AddCodeCell("Console.WriteLine(\"two\");");
        notebook.AddCodeCell("display(\"three\");");
        notebook.AddCodeCell("Console.WriteLine(\"looping\");\nwhile (true) { }");
        notebook.AddCodeCell("Console.WriteLine(\"five\");");
    }

    private static void AssertFirstThreeCellsKeptAndTheRestNotRun(NotebookRunResult result, string stopStatus)
    {
        var cells = result.Notebook!.Cells;
        Assert.Equal("one\n", cells[0].StreamText());
        Assert.Equal("two\n", cells[1].StreamText());
        Assert.Equal("three", cells[2].OutputText("text/plain"));
        Assert.Equal(["ok", "ok", "ok", stopStatus, "not run"], result.Cells.Select(c => c.Status));
        Assert.Empty(cells[4].Outputs);
        Assert.Null(cells[4].Json["execution_count"]);
        Assert.Equal("not run", Status(cells[4]));
    }

    private static void AssertWorkerIsGone(TempFolder temp)
    {
        var pid = int.Parse(File.ReadAllText(temp.File("engine.pid")));
        Assert.False(IsRunning(pid), $"the worker process {pid} is still running");
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
