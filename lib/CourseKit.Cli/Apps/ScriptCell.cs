using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Cli.Apps;

/// <summary>
/// One code cell read as the notebook engine reads it, as a C# script, and split into what a file-based app needs in
/// different places: its <c>using</c> directives (top of the file), its statements and local functions (in order), and
/// its type declarations (end of the file, where C# wants them after top-level statements).
/// </summary>
internal sealed partial class ScriptCell
{
    private static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    private ScriptCell(IReadOnlyList<string> usings, IReadOnlyList<MemberDeclarationSyntax> statements, IReadOnlyList<MemberDeclarationSyntax> types)
    {
        Usings = usings;
        Statements = statements;
        Types = types;
    }

    /// <summary>The cell's <c>using</c> directives, as written.</summary>
    public IReadOnlyList<string> Usings { get; }

    /// <summary>Statements and methods (local functions in an app), in order.</summary>
    public IReadOnlyList<MemberDeclarationSyntax> Statements { get; }

    /// <summary>Classes, records, structs, interfaces, enums and delegates the cell declares.</summary>
    public IReadOnlyList<MemberDeclarationSyntax> Types { get; }

    /// <summary>
    /// Reads <paramref name="source"/>. Engine directives (<c>#r</c>, <c>#!</c> magics) are dropped: an app names its
    /// references in <c>#:</c> directives instead.
    /// </summary>
    /// <exception cref="FormatException">The cell does not parse as C#; the message names the first error.</exception>
    public static ScriptCell Parse(string source)
    {
        var code = EngineDirective().Replace(source, "");
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        if (root.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new FormatException($"line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage()}");
        }
        var statements = new List<MemberDeclarationSyntax>();
        var types = new List<MemberDeclarationSyntax>();
        foreach (var member in root.Members)
        {
            (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax ? types : statements).Add(member);
        }
        return new ScriptCell(root.Usings.Select(u => u.ToString().Trim()).ToList(), statements, types);
    }

    [GeneratedRegex(@"^[ \t]*#(r|!)\b.*(\r?\n|$)", RegexOptions.Multiline)]
    private static partial Regex EngineDirective();
}
