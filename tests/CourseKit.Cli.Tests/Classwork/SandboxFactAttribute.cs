using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>A fact about what the sandbox prevents: skipped, with the reason, where bwrap cannot start a sandbox.</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute() => Skip = WhyNoSandbox();

    /// <summary>Why there is no sandbox to test, as a reason to skip; null when there is one.</summary>
    internal static string? WhyNoSandbox() =>
        Sandbox.Detect().UnavailableReason is { } reason ? $"needs the bwrap sandbox: {reason}" : null;
}
