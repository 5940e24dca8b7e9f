using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The checksum of a locked or graded cell, recorded in <c>metadata.nbgrader.checksum</c> at release and compared at
/// grading to tell that a student edited the cell. Like nbgrader's (which is an MD5 over the same fields), it covers the
/// normalized source, the cell type, the grade/solution/locked flags, the id and the points; here it is the lower-case
/// hex SHA-256 of those fields joined by newlines. The source is normalized so that an editor's line endings or trailing
/// spaces do not count as an edit: "\r\n" becomes "\n", each line loses trailing white space, the end loses blank lines.
/// </summary>
public static class CellChecksum
{
    /// <summary>The checksum of a cell with this source, type and nbgrader metadata.</summary>
    public static string Compute(string source, string cellType, NbgraderCell meta)
    {
        var fields = string.Join('\n',
            NormalizeSource(source),
            cellType,
            meta.Grade.ToString(),
            meta.Solution.ToString(),
            meta.Locked.ToString(),
            meta.GradeId ?? "",
            meta.Grade && meta.Points is { } points ? points.ToString("R", CultureInfo.InvariantCulture) : "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields)));
    }

    /// <summary>The source as the checksum sees it: "\n" line ends, no trailing white space on a line or at the end.</summary>
    public static string NormalizeSource(string source) =>
        string.Join('\n', source.Replace("\r\n", "\n").Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n');
}
