namespace CourseKit.Cli.Tests.Classwork;

/// <summary>Classwork runs need the kit and the notebook worker published, as `coursekit setup` does.</summary>
internal static class KitFixture
{
    public static Task EnsureAsync() => new EngineFixture().InitializeAsync();
}
