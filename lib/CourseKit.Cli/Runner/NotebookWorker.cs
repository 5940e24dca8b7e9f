namespace CourseKit.Cli.Runner;

/// <summary>Where `coursekit setup` publishes the notebook worker (lib/CourseKit.Worker): artifacts/worker in the repository.</summary>
internal static class NotebookWorker
{
    /// <summary>The worker's entry point below a repository root.</summary>
    public static string PathIn(string repoRoot) => Path.Combine(repoRoot, "artifacts", "worker", "coursekit-worker.dll");

    /// <summary>The repository a published worker belongs to (its entry point is ROOT/artifacts/worker/coursekit-worker.dll).</summary>
    public static string RepositoryOf(string workerPath) =>
        Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(workerPath))!)!)!;

    /// <summary>The worker of the repository this tool was built in, else of the one around the current folder.</summary>
    /// <exception cref="FileNotFoundException">Neither is inside a CourseKit repository.</exception>
    public static string Locate()
    {
        var root = RepoLocator.Find(AppContext.BaseDirectory) ?? RepoLocator.Find(Directory.GetCurrentDirectory())
            ?? throw new FileNotFoundException(
                $"cannot find the notebook worker: {RepoLocator.NotFoundMessage(Directory.GetCurrentDirectory())}");
        return PathIn(root);
    }

    /// <summary>As <see cref="Locate"/>, and the worker must be published.</summary>
    /// <exception cref="FileNotFoundException">It is not; the message says how to publish it.</exception>
    public static string LocatePublished()
    {
        var path = Locate();
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"the notebook worker is not published (looked for {path}). Run `coursekit setup` in the repository root.", path);
    }
}
