namespace CourseKit.Cli.Tests.Classwork;

/// <summary>Classwork runs need the engine restored and the kit published (artifacts/kit), as `coursekit setup` does.</summary>
internal static class KitFixture
{
    public static async Task EnsureAsync()
    {
        await new EngineFixture().InitializeAsync();
        var root = ClassworkFiles.RepoRoot;
        if (!File.Exists(Path.Combine(root, "artifacts", "kit", "CourseKit.Interactive.dll")))
        {
            var output = new StringWriter();
            if (!await KitSetup.RunAsync(root, output, CancellationToken.None))
            {
                throw new InvalidOperationException($"coursekit setup failed:\n{output}");
            }
        }
    }
}
