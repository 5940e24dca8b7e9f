namespace CourseKit.Cli.Tests;

public class KitSetupTests
{
    [Fact]
    public async Task A_failing_step_stops_setup_and_shows_the_tail_of_its_output()
    {
        // A repository with an empty tool manifest but no CourseKit.Interactive project: restore passes, publish fails.
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File(".config"));
        File.WriteAllText(Path.Combine(temp.File(".config"), "dotnet-tools.json"), """{"version": 1, "isRoot": true, "tools": {}}""");
        var stdout = new StringWriter();

        var ok = await KitSetup.RunAsync(temp.Path, stdout, CancellationToken.None);

        var text = stdout.ToString();
        Assert.False(ok);
        Assert.Matches(@"✓ restore local tools \(\d+\.\d s\)", text);
        Assert.Contains("✗ publish CourseKit.Interactive to artifacts/kit failed", text);
        Assert.Contains("CourseKit.Interactive.csproj", text[text.IndexOf("--- last", StringComparison.Ordinal)..]);
        Assert.False(Directory.Exists(temp.File("artifacts")));
    }
}
