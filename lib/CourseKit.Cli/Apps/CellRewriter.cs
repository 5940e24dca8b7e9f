using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Cli.Apps;

/// <summary>
/// Rewrites a cell's statements for an app: the notebook's <c>display(x)</c> becomes the kit's <c>Kit.Show(x)</c>,
/// which works in both places, and names that a later cell declares again (a script allows it, one program does not)
/// are renamed from that cell on (<c>numHiddens</c> → <c>numHiddens2</c>).
/// </summary>
internal sealed class CellRewriter(IReadOnlyDictionary<string, string> renames) : CSharpSyntaxRewriter
{
    /// <inheritdoc/>
    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        return visited.Expression is IdentifierNameSyntax { Identifier.Text: "display" } name
            ? visited.WithExpression(SyntaxFactory.ParseExpression("Kit.Show").WithTriviaFrom(name))
            : visited;
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
        IsRenamable(node) && renames.TryGetValue(node.Identifier.Text, out var name)
            ? node.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, name, node.Identifier.TrailingTrivia))
            : base.VisitIdentifierName(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
    {
        var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
        return renames.TryGetValue(node.Identifier.Text, out var name) ? visited.WithIdentifier(Renamed(node.Identifier, name)) : visited;
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitSingleVariableDesignation(SingleVariableDesignationSyntax node) =>
        renames.TryGetValue(node.Identifier.Text, out var name) ? node.WithIdentifier(Renamed(node.Identifier, name)) : base.VisitSingleVariableDesignation(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return renames.TryGetValue(node.Identifier.Text, out var name) ? visited.WithIdentifier(Renamed(node.Identifier, name)) : visited;
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return renames.TryGetValue(node.Identifier.Text, out var name) ? visited.WithIdentifier(Renamed(node.Identifier, name)) : visited;
    }

    private static SyntaxToken Renamed(SyntaxToken token, string name) => SyntaxFactory.Identifier(token.LeadingTrivia, name, token.TrailingTrivia);

    // A member's name after a dot, a named argument or a property in an initializer names something else.
    internal static bool IsRenamable(IdentifierNameSyntax node) => node.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == node,
        MemberBindingExpressionSyntax => false,
        QualifiedNameSyntax qualified => qualified.Left == node,
        NameColonSyntax or NameEqualsSyntax => false,
        AssignmentExpressionSyntax assignment when assignment.Parent is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } => assignment.Right == node,
        _ => true,
    };
}
