using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Cli.Apps;

/// <summary>
/// Renames a local of an inner block (a loop's body, a loop variable, a caught exception) that has the name of a
/// variable the notebook declares at its top level (<c>d</c> → <c>dInner</c>), inside that local's scope only. A
/// script's top-level variables are fields that inner names may hide; an app's are locals of one program, which an
/// inner block may not reuse (parameters of lambdas and local functions may, and keep their names for named arguments).
/// </summary>
internal sealed class ShadowRenamer(IReadOnlySet<string> topLevel) : CSharpSyntaxRewriter
{
    private readonly Stack<Dictionary<string, string>> scopes = new();

    /// <inheritdoc/>
    public override SyntaxNode? VisitBlock(BlockSyntax node) =>
        InScope(node.Statements.SelectMany(DeclaredIn), () => base.VisitBlock(node));

    /// <inheritdoc/>
    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        return InScope([node.Identifier.Text], () =>
        {
            var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
            return Current(node.Identifier.Text) is { } name ? visited.WithIdentifier(Renamed(node.Identifier, name)) : visited;
        });
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        InScope(node.Declaration?.Variables.Select(v => v.Identifier.Text) ?? [], () => base.VisitForStatement(node));

    /// <inheritdoc/>
    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node) =>
        InScope(node.Declaration is { Identifier.Text.Length: > 0 } d ? [d.Identifier.Text] : [], () =>
        {
            var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
            return node.Declaration is { } declaration && Current(declaration.Identifier.Text) is { } name
                ? visited.WithDeclaration(visited.Declaration!.WithIdentifier(Renamed(declaration.Identifier, name)))
                : visited;
        });

    /// <inheritdoc/>
    public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
    {
        var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
        return scopes.Count > 0 && Current(node.Identifier.Text) is { } name ? visited.WithIdentifier(Renamed(node.Identifier, name)) : visited;
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitSingleVariableDesignation(SingleVariableDesignationSyntax node) =>
        scopes.Count > 0 && Current(node.Identifier.Text) is { } name ? node.WithIdentifier(Renamed(node.Identifier, name)) : base.VisitSingleVariableDesignation(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
        CellRewriter.IsRenamable(node) && Current(node.Identifier.Text) is { } name
            ? node.WithIdentifier(Renamed(node.Identifier, name))
            : base.VisitIdentifierName(node);

    private SyntaxNode? InScope(IEnumerable<string> declared, Func<SyntaxNode?> visit)
    {
        var clashing = declared.Where(topLevel.Contains).Distinct().ToDictionary(n => n, n => n + "Inner");
        if (clashing.Count == 0) return visit();
        scopes.Push(clashing);
        try { return visit(); }
        finally { scopes.Pop(); }
    }

    private string? Current(string name)
    {
        foreach (var scope in scopes)
            if (scope.TryGetValue(name, out var renamed)) return renamed;
        return null;
    }

    // Names a statement directly in a block declares for the rest of that block.
    private static IEnumerable<string> DeclaredIn(StatementSyntax statement) => statement switch
    {
        LocalDeclarationStatementSyntax local => local.Declaration.Variables.Select(v => v.Identifier.Text),
        ExpressionStatementSyntax expression => expression.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or BlockSyntax))
            .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.Text),
        _ => [],
    };

    private static SyntaxToken Renamed(SyntaxToken token, string name) => SyntaxFactory.Identifier(token.LeadingTrivia, name, token.TrailingTrivia);
}
