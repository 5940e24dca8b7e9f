namespace CourseKit.Interactive.Reports;

/// <summary>
/// Typeset math in an app's report, offline, with what <c>coursekit setup</c> fetched for the exported pages: temml (TeX
/// to MathML, which the browser draws itself) and the Noto Sans Math font, copied beside the report. Without them (no
/// set-up yet) formulas stay TeX and the report says why.
/// </summary>
internal static class ReportMath
{
    /// <summary>Copies the renderer beside <paramref name="folder"/>'s report; returns the head and the end-of-body HTML, or a note when there is none.</summary>
    public static (string Head, string End) WriteTo(string folder)
    {
        var npm = RepositoryRoot(folder) is { } root ? Path.Combine(root, "artifacts", "npm") : null;
        var temml = npm is null || !Directory.Exists(npm) ? null : Directory.GetDirectories(npm, "temml-*").Order().LastOrDefault();
        var font = npm is null || !Directory.Exists(npm) ? null : Directory.GetDirectories(npm, "fontsource-noto-sans-math-*").Order().LastOrDefault();
        if (temml is null || font is null || !File.Exists(Path.Combine(temml, "temml.min.js")))
        {
            return ("", "<p class=\"note\">Formulas are shown as TeX source: run <code>coursekit setup</code> once where the npm registry " +
                        "is reachable, and the next run of this app typesets them.</p>");
        }
        File.Copy(Path.Combine(temml, "temml.min.js"), Path.Combine(folder, "temml.min.js"), overwrite: true);
        File.Copy(Path.Combine(temml, "Temml-Local.css"), Path.Combine(folder, "temml.css"), overwrite: true);
        File.Copy(Path.Combine(temml, "Temml.woff2"), Path.Combine(folder, "Temml.woff2"), overwrite: true);
        File.Copy(Path.Combine(font, "noto-sans-math-latin-400-normal.woff2"), Path.Combine(folder, "noto-sans-math.woff2"), overwrite: true);
        const string head = """
            <link rel="stylesheet" href="temml.css">
            <script src="temml.min.js"></script>
            <style>
            @font-face { font-family: "Noto Sans Math"; src: url("noto-sans-math.woff2") format("woff2"); }
            math { font-family: "Noto Sans Math", math; }
            </style>
            """;
        // Only the report's own formula blocks are typeset: TeX in printed text stays as written.
        const string end = """
            <script>
            document.querySelectorAll("div.math").forEach(function (mark) {
              try { temml.render(mark.textContent.trim(), mark, { displayMode: true, annotate: true }); }
              catch (e) { mark.title = String(e && e.message || e); }
            });
            </script>
            """;
        return (head, end);
    }

    private static string? RepositoryRoot(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln"))) return dir.FullName;
        return null;
    }
}
