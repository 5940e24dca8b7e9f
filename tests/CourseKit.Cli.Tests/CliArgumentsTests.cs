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
}
