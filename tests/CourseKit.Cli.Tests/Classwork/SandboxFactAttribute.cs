using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>A fact about what the sandbox prevents: skipped, with the reason, where bwrap cannot start a sandbox.</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        if (Sandbox.Detect().UnavailableReason is { } reason)
        {
            Skip = $"needs the bwrap sandbox: {reason}";
        }
    }
}
