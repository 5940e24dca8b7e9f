using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Cli.Apps;

/// <summary>
/// A lecture notebook as a .NET 10 file-based app (<c>dotnet run 03-xor.cs</c>): the kit by a <c>#:project</c>
/// directive instead of <c>#r</c>, markdown cells as comments, the code cells in order. What a cell shows (its last
/// expression, <c>display(…)</c>) goes through <c>Kit.Show</c>, which writes the app's HTML report and the console.
/// </summary>
internal static class NotebookApp
{
    /// <summary>The kit project an app references, from the repository's root.</summary>
    public static readonly string KitProject = Path.Combine("lib", "CourseKit.Interactive", "CourseKit.Interactive.csproj");

    /// <summary>The app's source for <paramref name="notebook"/> (read from <paramref name="notebookPath"/>), to be saved in <paramref name="appFolder"/>.</summary>
    /// <exception cref="FormatException">A code cell is not C#; the message names the cell.</exception>
    public static string Write(Ipynb notebook, string notebookPath, string appFolder, string repoRoot)
    {
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        string Relative(string path) => Path.GetRelativePath(appFolder, path).Replace('\\', '/');
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        // First every cell's top-level names, with the renames a later declaration needs: an inner name must not reuse any of them.
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var cells = new List<(int Index, IpynbCell Cell, ScriptCell? Code, Dictionary<string, string> Renames)>();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            if (cell.CellType != "code" || cell.Source.Trim().Length == 0)
            {
                cells.Add((index, cell, null, renames));
                continue;
            }
            ScriptCell parsed;
            try
            {
                parsed = ScriptCell.Parse(cell.Source);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{notebookPath}: cell {index + 1} is not C#: {e.Message}", e);
            }
            foreach (var declaredName in parsed.Statements.SelectMany(TopLevelNames).Distinct())
            {
                if (!declared.Add(declaredName))
                {
                    renames = new Dictionary<string, string>(renames) { [declaredName] = Unused(declaredName, declared) };
                    declared.Add(renames[declaredName]);
                }
            }
            cells.Add((index, cell, parsed, renames));
        }
        var shadows = new ShadowRenamer(declared);
        foreach (var (index, cell, parsed, cellRenames) in cells)
        {
            if (cell.CellType == "markdown")
            {
                foreach (var line in cell.Source.TrimEnd().Split('\n'))
                {
                    body.Append(line.TrimEnd().Length == 0 ? "//" : "// " + line.TrimEnd()).Append('\n');
                }
                body.Append('\n');
                continue;
            }
            if (parsed is null)
            {
                continue;
            }
            usings.AddRange(parsed.Usings.Where(u => !usings.Contains(u)));
            var rewriter = new CellRewriter(cellRenames);
            for (int s = 0; s < parsed.Statements.Count; s++)
            {
                var statement = parsed.Statements[s];
                var rewritten = (MemberDeclarationSyntax)shadows.Visit(rewriter.Visit(statement));
                body.Append(Statement(rewritten, last: s == parsed.Statements.Count - 1));
            }
            foreach (var type in parsed.Types)
            {
                types.Append(rewriter.Visit(type).ToFullString().TrimEnd()).Append("\n\n");
            }
            body.Append('\n');
        }
        if (!usings.Contains("using CourseKit.Interactive;"))
        {
            usings.Add("using CourseKit.Interactive;");
        }

        var app = new StringBuilder();
        app.Append($"// {name}.cs: the lecture notebook {Path.GetRelativePath(repoRoot, notebookPath).Replace('\\', '/')} as a .NET 10 file-based app, without a notebook engine.\n");
        app.Append($"// Run it here with `dotnet run {name}.cs`: text goes to the console, what the notebook displays to {name}.html.\n");
        app.Append("// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.\n");
        app.Append($"#:project {Relative(Path.Combine(repoRoot, KitProject))}\n");
        app.Append("#:property Configuration=Release\n");
        // Notebook cells annotate nullable types without checking them, as scripts do.
        app.Append("#:property Nullable=annotations\n");
        foreach (var line in usings)
        {
            app.Append(line).Append('\n');
        }
        app.Append('\n');
        app.Append("// The lesson reads its files relative to the notebook's folder, as it does in a notebook.\n");
        // Fully qualified: a lesson may name a function Path.
        app.Append("System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(\n");
        app.Append($"    (string)System.AppContext.GetData(\"EntryPointFileDirectoryPath\")!, \"{Relative(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!)}\")));\n\n");
        app.Append(body.ToString().TrimEnd()).Append('\n');
        if (types.Length > 0)
        {
            app.Append("\n// The types the notebook declares (C# wants them after the statements).\n\n").Append(types.ToString().TrimEnd()).Append('\n');
        }
        return app.ToString();
    }

    // A cell's last expression is what the notebook shows; Kit.Setup() registers the notebook's display, which an app does not need.
    private static string Statement(MemberDeclarationSyntax rewritten, bool last)
    {
        if (rewritten is GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression })
        {
            if (expression.Expression.ToString().Replace(" ", "") is "Kit.Setup()" or "CourseKit.Interactive.Kit.Setup()")
            {
                return expression.GetLeadingTrivia().ToFullString() + "// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)\n";
            }
            if (last && expression.SemicolonToken.IsMissing)
            {
                return expression.GetLeadingTrivia().ToFullString() + $"Kit.Show({expression.Expression.WithoutTrivia()});" +
                       expression.GetTrailingTrivia().ToFullString().TrimEnd() + "\n";
            }
        }
        var text = rewritten.ToFullString();
        return text.EndsWith('\n') ? text : text + "\n";
    }

    // Names a statement declares for the rest of the notebook: variables, deconstructions, out variables, methods.
    private static IEnumerable<string> TopLevelNames(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => [method.Identifier.Text],
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.Text),
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } =>
            local.Declaration.Variables.Select(v => v.Identifier.Text).Concat(Designations(local)),
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } => [function.Identifier.Text],
        GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression } => Designations(expression),
        _ => [],
    };

    private static IEnumerable<string> Designations(SyntaxNode node) =>
        node.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or BlockSyntax or LocalFunctionStatementSyntax))
            .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.Text);

    private static string Unused(string name, HashSet<string> declared)
    {
        for (int k = 2; ; k++)
        {
            if (!declared.Contains(name + k))
            {
                return name + k;
            }
        }
    }
}
