using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseKit.Interactive.Charts;

/// <summary>
/// Makes charts draw without a network in VS Code and Jupyter: once per kernel session, the set-up cell hands the
/// front end the plotly.js that Plotly.NET carries as a resource, then replaces that output with nothing. The script
/// has run by then and <c>window.Plotly</c> stays defined for every chart after it, while the saved notebook keeps
/// an empty output instead of 3.6 MB of JavaScript.
/// </summary>
/// <remarks>
/// Jupyter's classic front end has require.js, whose <c>define</c> would make plotly.js register as a module instead
/// of setting <c>window.Plotly</c>; the wrapper hides <c>define</c> while the bundle runs. A notebook reopened later
/// draws its saved charts once the set-up cell has run again (or from the CDN, when online).
/// </remarks>
public static class PlotlyInSession
{
    /// <summary>Set by the kit's own notebook worker, whose pages load plotly.js from a file beside them instead.</summary>
    public const string HeadlessVariable = "COURSEKIT_HEADLESS";

    private static int sent;

    /// <summary>The plotly.js version inside Plotly.NET's resource, for example "2.28.0".</summary>
    public static string Version => PlotlyBundle.Version;

    /// <summary>
    /// Sends plotly.js to the front end running the current cell, once per process; does nothing outside a notebook
    /// cell or in the kit's headless worker. Returns whether it sent it.
    /// </summary>
    public static bool SendOnce()
    {
        if (Environment.GetEnvironmentVariable(HeadlessVariable) == "1" || KernelInvocationContext.Current is not { } context)
            return false;
        if (Interlocked.Exchange(ref sent, 1) == 1) return false;
        var shown = context.Display(new HtmlBlock(ScriptHtml()), HtmlFormatter.MimeType);
        shown.Update(new HtmlBlock(""));
        return true;
    }

    /// <summary>A script element that defines <c>window.Plotly</c> from the bundle, with require.js's <c>define</c> hidden.</summary>
    public static string ScriptHtml()
    {
        // "</script" inside the bundle would end the element early; the bundle has none, and this keeps it so.
        var bundle = PlotlyBundle.Text().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return "<script type=\"text/javascript\">(function () { if (window.Plotly) return; var define = undefined; " +
               "var module = undefined; var exports = undefined;\n" + bundle + "\n})();</script>";
    }

}
