using CourseKit.Interactive.Reports;
using Microsoft.DotNet.Interactive;

namespace CourseKit.Interactive.Engine;

/// <summary><see cref="Kit.Show"/> inside a notebook: the engine's display, which the kit's formatters shape, with an update that replaces in place.</summary>
internal static class NotebookDisplay
{
    public static Shown Show(object? value)
    {
        if (KernelInvocationContext.Current is not { } context)
            return AppReport.Add(value);   // a thread of the notebook's own, outside any cell
        var shown = context.Display(value!);
        return new Shown(update => shown.Update(update!));
    }
}
