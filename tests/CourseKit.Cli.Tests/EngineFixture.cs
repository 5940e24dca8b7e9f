namespace CourseKit.Cli.Tests;

/// <summary>Makes sure the notebook worker and the kit are published (as `coursekit setup` does) before tests that run notebooks.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private static readonly Lazy<Task> Setup = new(SetupOnceAsync);

    public Task InitializeAsync() => Setup.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task SetupOnceAsync()
    {
        var root = RepoLocator.Find(AppContext.BaseDirectory)
                   ?? throw new InvalidOperationException("the tests must run inside the repository");
        var output = new StringWriter();
        if (!await KitSetup.RunAsync(root, output, CancellationToken.None))
        {
            throw new InvalidOperationException($"coursekit setup failed:\n{output}");
        }
    }
}

/// <summary>Engine tests run one at a time: each starts a real worker, and timings matter on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "real notebook engine";
}
