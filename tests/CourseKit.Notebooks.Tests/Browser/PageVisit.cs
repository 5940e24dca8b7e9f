namespace CourseKit.Notebooks.Tests.Browser;

/// <summary>What a page did in the browser once loaded and settled.</summary>
/// <param name="Requests">Every URL the page asked for, the page itself included.</param>
/// <param name="VisibleText">The text a reader sees, outside code, preformatted text and typeset math.</param>
/// <param name="Formulas">How many formulas the exporter marked (<c>span.math</c>, <c>div.math</c>).</param>
/// <param name="Typeset">How many of those now hold MathML.</param>
/// <param name="Errors">Script exceptions and error messages of the browser's console (a file that failed to load, say).</param>
/// <param name="LoadMilliseconds">From navigation to the end of the load event: scripts ran, formulas typeset.</param>
internal sealed record PageVisit(
    IReadOnlyList<string> Requests, string VisibleText, int Formulas, int Typeset, IReadOnlyList<string> Errors, double LoadMilliseconds);
