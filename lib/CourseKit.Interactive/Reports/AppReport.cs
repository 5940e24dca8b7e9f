using System.Text;

namespace CourseKit.Interactive.Reports;

/// <summary>
/// What an app (a lecture exported with <c>coursekit export --to app</c>) shows: every value passed to
/// <see cref="Kit.Show"/>, in order, as one HTML page beside the app (<c>03-xor.cs</c> → <c>03-xor.html</c>), written
/// when the app ends and named on the console. Charts draw from a plotly.js written beside the page, offline.
/// </summary>
public static class AppReport
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Blocks = [];
    private static bool registered;

    /// <summary>The page's path: beside the app's source file, else in the current folder.</summary>
    public static string PathOfReport
    {
        get
        {
            var source = AppContext.GetData("EntryPointFilePath") as string;
            var name = source is null ? "report" : System.IO.Path.GetFileNameWithoutExtension(source);
            var folder = source is null ? Environment.CurrentDirectory : System.IO.Path.GetDirectoryName(source)!;
            return System.IO.Path.Combine(folder, name + ".html");
        }
    }

    /// <summary>Adds a value's HTML to the page and its text to the console; the returned handle replaces both.</summary>
    internal static Shown Add(object? value)
    {
        int index;
        lock (Gate)
        {
            if (!registered)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Save();
                registered = true;
            }
            index = Blocks.Count;
            Blocks.Add(HtmlOf.Value(value));
        }
        Console.WriteLine(HtmlOf.Text(value));
        return new Shown(update =>
        {
            lock (Gate) Blocks[index] = HtmlOf.Value(update);
            Console.WriteLine(HtmlOf.Text(update));
        });
    }

    /// <summary>Writes the page (and plotly.js beside it) and says where it is.</summary>
    public static void Save()
    {
        string body;
        lock (Gate)
        {
            if (Blocks.Count == 0) return;
            body = string.Join("\n", Blocks.Select(b => "<section class=\"coursekit-output\">" + b + "</section>"));
        }
        var path = PathOfReport;
        var folder = System.IO.Path.GetDirectoryName(path)!;
        File.WriteAllText(System.IO.Path.Combine(folder, "plotly.min.js"), Charts.PlotlyBundle.Text());
        var (mathHead, mathEnd) = ReportMath.WriteTo(folder);
        File.WriteAllText(path, Page(System.IO.Path.GetFileNameWithoutExtension(path), body, mathHead, mathEnd), Encoding.UTF8);
        Console.WriteLine($"Report: {path}");
    }

    private static string Page(string title, string body, string mathHead, string mathEnd) => $$"""
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{System.Net.WebUtility.HtmlEncode(title)}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="plotly.min.js"></script>
<style>
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
section.coursekit-output { margin: 1.2em 0; overflow-x: auto; }
pre { background: #f6f8fa; padding: .6em; white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2em .5em; text-align: right; }
div.math { overflow-x: auto; }
.note { background: #fff8c5; padding: .5em; }
</style>
{{mathHead}}
</head>
<body><h1>{{System.Net.WebUtility.HtmlEncode(title)}}</h1>
{{body}}
{{mathEnd}}
</body></html>
""";
}
