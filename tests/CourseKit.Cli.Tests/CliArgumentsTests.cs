namespace CourseKit.Cli.Tests;

public class CliArgumentsTests
{
    [Fact]
    public void Run_takes_inputs_and_options_in_any_order()
    {
        var parsed = CliArguments.Parse(["run", "a.ipynb", "--out", "o", "lessons", "--timeout=20", "--no-setup"]);

        var run = Assert.IsType<RunCommandOptions>(parsed);
        Assert.Equal(["a.ipynb", "lessons"], run.Inputs);
        Assert.Equal("o", run.OutDir);
        Assert.Equal(TimeSpan.FromSeconds(20), run.Timeout);
        Assert.True(run.NoSetup);
    }

    [Fact]
    public void Run_defaults_to_the_repository_notebooks_600_seconds_and_setup()
    {
        var run = Assert.IsType<RunCommandOptions>(CliArguments.Parse(["run"]));

        Assert.Empty(run.Inputs);
        Assert.Null(run.OutDir);
        Assert.Equal(TimeSpan.FromSeconds(600), run.Timeout);
        Assert.False(run.NoSetup);
    }

    [Theory]
    [InlineData(new[] { "run", "--timeout", "soon" }, "--timeout must be a positive number")]
    [InlineData(new[] { "run", "--timeout", "0" }, "--timeout must be a positive number")]
    [InlineData(new[] { "run", "--out" }, "--out needs a value")]
    [InlineData(new[] { "run", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "setup", "now" }, "setup takes no arguments")]
    [InlineData(new[] { "execute" }, "unknown command 'execute'")]
    public void Bad_arguments_are_usage_errors_that_say_why(string[] args, string message)
    {
        var error = Assert.IsType<UsageError>(CliArguments.Parse(args));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("--help")]
    public void No_arguments_or_help_shows_usage(string commandLine)
    {
        Assert.IsType<HelpCommand>(CliArguments.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task A_usage_error_exits_2_and_prints_the_usage()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await Program.RunAsync(["run", "--timeout", "x"], Directory.GetCurrentDirectory(), stdout, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("coursekit run [NOTEBOOK.ipynb | FOLDER ...]", stderr.ToString());
    }

    [Fact]
    public async Task Running_outside_the_repository_fails_with_a_clear_message()
    {
        using var temp = new TempFolder();
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["run"], temp.Path, stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("not inside the CourseKit repository", stdout.ToString());
    }

    [Fact]
    public void Assign_takes_a_source_a_roster_and_an_output_folder()
    {
        var assign = Assert.IsType<AssignCommandOptions>(
            CliArguments.Parse(["assign", "notebooks/classwork/03-rnn-pos.ipynb", "--roster=class.csv", "--out", "release"]));

        Assert.Equal("notebooks/classwork/03-rnn-pos.ipynb", assign.Source);
        Assert.Equal("class.csv", assign.Roster);
        Assert.Equal("release", assign.OutDir);
        Assert.Equal(CliArguments.DefaultTimeout, assign.Timeout);
    }

    [Fact]
    public void Grade_takes_a_source_a_submissions_folder_and_its_limits()
    {
        var grade = Assert.IsType<GradeCommandOptions>(
            CliArguments.Parse(["grade", "source.ipynb", "submitted", "--timeout", "30", "--memory", "768", "--roster", "class.txt"]));

        Assert.Equal(("source.ipynb", "submitted", "class.txt"), (grade.Source, grade.Submissions, grade.Roster));
        Assert.Equal(TimeSpan.FromSeconds(30), grade.Timeout);
        Assert.Equal(768, grade.MemoryMegabytes);
        var defaults = Assert.IsType<GradeCommandOptions>(CliArguments.Parse(["grade", "source.ipynb", "submitted"]));
        Assert.Equal((TimeSpan.FromSeconds(120), 1024), (defaults.Timeout, defaults.MemoryMegabytes));
    }

    [Theory]
    [InlineData(new[] { "assign" }, "assign takes one source notebook (got 0 paths)")]
    [InlineData(new[] { "assign", "a.ipynb", "b.ipynb" }, "assign takes one source notebook (got 2 paths)")]
    [InlineData(new[] { "grade", "a.ipynb" }, "grade takes a source notebook and a submissions folder (got 1 paths)")]
    [InlineData(new[] { "grade", "a.ipynb", "s", "--memory", "100" }, "--memory must be a whole number of megabytes, at least 400")]
    [InlineData(new[] { "grade", "a.ipynb", "s", "--timeout", "-3" }, "--timeout must be a positive number of seconds (got '-3')")]
    [InlineData(new[] { "grade", "a.ipynb", "s", "--no-setup" }, "unknown option '--no-setup'")]
    public void Bad_assign_and_grade_arguments_are_usage_errors_that_say_why(string[] args, string message)
    {
        Assert.Contains(message, Assert.IsType<UsageError>(CliArguments.Parse(args)).Message);
    }

    [Fact]
    public async Task Assigning_a_broken_source_fails_before_any_engine_starts_and_names_the_file()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("torn.ipynb"), "{");
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["assign", temp.File("torn.ipynb")], temp.Path, stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {temp.File("torn.ipynb")}:\n  - malformed JSON", stdout.ToString());
    }
}
