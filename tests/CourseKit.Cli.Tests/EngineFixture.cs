namespace CourseKit.Cli.Tests;

/// <summary>Makes sure the pinned dotnet-repl is restored once before the tests that run the real engine.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var root = RepoLocator.Find(AppContext.BaseDirectory)
                   ?? throw new InvalidOperationException("the tests must run inside the repository");
        var output = new StringWriter();
        var outcome = await ChildProcess.RunAsync(DotnetHost.Path, ["tool", "restore"], root, output, TimeSpan.FromMinutes(5), CancellationToken.None);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed:\n{output}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Engine tests run one at a time: each starts a real engine, and timings matter on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "real notebook engine";
}
