using CourseKit.Cli.Apps;
using CourseKit.Cli.Tests.Classwork;

namespace CourseKit.Cli.Tests.Apps;

/// <summary>A notebook turned into a file-based app: directives, comments, cells in order, and what a script allows that one program does not.</summary>
public class NotebookAppTests
{
    private static string App(params (string Type, string Source)[] cells)
    {
        var notebook = Ipynb.CreateCSharp();
        foreach (var (type, source) in cells)
        {
            if (type == "code") notebook.AddCodeCell(source);
            else notebook.AddMarkdownCell(source);
        }
        var root = ClassworkFiles.RepoRoot;
        return NotebookApp.Write(notebook, Path.Combine(root, "notebooks", "lesson.ipynb"), Path.Combine(root, "notebooks", "apps"), root);
    }

    [Fact]
    public void The_kit_comes_from_a_project_directive_and_markdown_becomes_comments()
    {
        var app = App(("code", "#r \"../artifacts/kit/CourseKit.Interactive.dll\"\nusing CourseKit.Tensors;\nKit.Setup()"),
                      ("markdown", "# A lesson\n\nThe **sum**:\n$$a + b$$"));

        Assert.Contains("#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj\n", app);
        Assert.DoesNotContain("#r", app);
        Assert.Contains("using CourseKit.Tensors;\nusing CourseKit.Interactive;\n", app);
        Assert.Contains("// # A lesson\n//\n// The **sum**:\n// $$a + b$$\n", app);
        Assert.DoesNotContain("Kit.Setup()\n", app.Replace("// (Kit.Setup()", ""));
        Assert.Contains("(string)System.AppContext.GetData(\"EntryPointFileDirectoryPath\")!, \"..\")", app);
    }

    [Fact]
    public void What_a_cell_shows_goes_through_kit_show()
    {
        var app = App(("code", "var x = 2;\ndisplay(x * 3);\nx + 1"), ("code", "Console.WriteLine(\"ok\");"));

        Assert.Contains("Kit.Show(x * 3);\n", app);
        Assert.Contains("Kit.Show(x + 1);\n", app);
        Assert.Contains("Console.WriteLine(\"ok\");\n", app);
        Assert.True(app.IndexOf("Kit.Show(x + 1)", StringComparison.Ordinal) < app.IndexOf("Console.WriteLine(\"ok\")", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_declared_again_in_a_later_cell_is_renamed_from_there_on()
    {
        var app = App(("code", "int n = 3;\nvar (a, b) = (1, 2);\ndouble Twice(double v) => 2 * v;\nConsole.WriteLine(n + a);"),
                      ("code", "int n = 16;\nvar a = new { n = 1 };\ndouble Twice(double v) => v + v;\nConsole.WriteLine(Twice(n) + a.n);"),
                      ("code", "Console.WriteLine(n);"));

        Assert.Contains("int n = 3;", app);
        Assert.Contains("int n2 = 16;", app);
        Assert.Contains("var a2 = new { n = 1 };", app);          // a property named like the variable keeps its name
        Assert.Contains("double Twice2(double v) => v + v;", app);
        Assert.Contains("Console.WriteLine(Twice2(n2) + a2.n);", app);
        Assert.EndsWith("Console.WriteLine(n2);\n", app);         // later cells see the newest declaration, as in the notebook
    }

    [Fact]
    public void Types_move_after_the_statements()
    {
        var app = App(("code", "record Point(double X, double Y);\nvar p = new Point(1, 2);\np"), ("code", "Console.WriteLine(p.X);"));

        Assert.True(app.IndexOf("Console.WriteLine(p.X);", StringComparison.Ordinal) < app.IndexOf("record Point(double X, double Y);", StringComparison.Ordinal));
        Assert.Contains("// The types the notebook declares (C# wants them after the statements).", app);
        Assert.Contains("Kit.Show(p);", app);
    }

    [Fact]
    public void A_cell_that_is_not_csharp_is_named()
    {
        var error = Assert.Throws<FormatException>(() => App(("code", "var x = 1;"), ("code", "let y = 2")));
        Assert.Contains("lesson.ipynb: cell 2 is not C#: line 1:", error.Message);
    }

    [Fact]
    public async Task The_committed_apps_match_the_lecture_notebooks()
    {
        var root = ClassworkFiles.RepoRoot;
        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order().ToArray();
        var output = new StringWriter();

        var exit = await Program.RunAsync(["export", .. notebooks, "--to", "app", "--out", Path.Combine(root, "notebooks", "apps"), "--check"],
            root, output, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Equal(notebooks.Length, Directory.GetFiles(Path.Combine(root, "notebooks", "apps"), "*.cs").Length);
    }
}
