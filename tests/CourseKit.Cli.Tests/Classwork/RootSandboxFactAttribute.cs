using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>A fact about sandboxes that run as user ids of their own: needs bwrap and a grader running as root.</summary>
public sealed class RootSandboxFactAttribute : FactAttribute
{
    public RootSandboxFactAttribute() =>
        Skip = SandboxFactAttribute.WhyNoSandbox() ?? (Sandbox.IsRoot ? null : "needs root: only then does each sandbox run as a user id of its own");
}
