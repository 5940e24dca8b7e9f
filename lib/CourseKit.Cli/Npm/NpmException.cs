namespace CourseKit.Cli.Npm;

/// <summary>A pinned npm package could not be had: the registry was unreachable, answered with an error or served other bytes.</summary>
public sealed class NpmException(string message, Exception? inner = null) : Exception(message, inner);
