namespace CourseKit.Cli.Classwork;

/// <summary>What one sandbox may see and use.</summary>
/// <param name="ReadOnly">Folders it may read (the .NET install, the worker, the kit).</param>
/// <param name="Uid">Its user id when grading runs as root (one per sandbox at a time, so the process limit is its own).</param>
/// <param name="TmpfsBytes">The size of each of its two tmpfs (the work folder and /tmp), and the largest file it may write.</param>
/// <param name="Environment">Environment variables besides the sandbox's own few.</param>
internal sealed record SandboxLimits(IReadOnlyList<string> ReadOnly, int Uid, long TmpfsBytes, IReadOnlyDictionary<string, string> Environment);
