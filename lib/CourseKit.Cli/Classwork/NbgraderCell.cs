using System.Globalization;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// nbgrader's per-cell metadata, schema version 3: <c>cell.metadata.nbgrader = {"schema_version": 3, "grade": bool,
/// "solution": bool, "locked": bool, "grade_id": "...", "points": n, "task": false}</c>, plus the <c>checksum</c>
/// nbgrader records on grade and locked cells when it releases an assignment. Kept in nbgrader's schema so the same
/// notebooks open in nbgrader's "Create Assignment" toolbar.
/// </summary>
/// <param name="GradeId">The cell's stable id, unique in the notebook.</param>
/// <param name="Grade">A graded cell: for a code cell that is not a solution, a test that scores its points when it runs without error.</param>
/// <param name="Solution">A cell the student answers in; its <c>// BEGIN SOLUTION</c> regions are replaced in the student version.</param>
/// <param name="Locked">A cell the student must not change: grading restores it from the source.</param>
/// <param name="Points">The points of a graded cell; null when absent.</param>
/// <param name="Checksum">The checksum of the released cell (see <see cref="CellChecksum"/>); null in a source notebook.</param>
public sealed record NbgraderCell(string? GradeId, bool Grade, bool Solution, bool Locked, double? Points, string? Checksum)
{
    /// <summary>nbgrader's current cell-metadata schema.</summary>
    public const int SchemaVersion = 3;

    /// <summary>The cell's nbgrader metadata, or null when it has none (an ordinary cell).</summary>
    public static NbgraderCell? Read(IpynbCell cell)
    {
        if (cell.Metadata["nbgrader"] is not JsonObject meta)
        {
            return null;
        }
        return new NbgraderCell(
            JsonText.String(meta, "grade_id"),
            Flag(meta, "grade"),
            Flag(meta, "solution"),
            Flag(meta, "locked"),
            meta["points"] is JsonValue p && p.TryGetValue<double>(out var points) ? points : null,
            JsonText.String(meta, "checksum"));
    }

    /// <summary>Writes this metadata into the cell, replacing what was there.</summary>
    public void WriteTo(IpynbCell cell)
    {
        var meta = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["grade"] = Grade,
            ["solution"] = Solution,
            ["locked"] = Locked,
            ["grade_id"] = GradeId,
            ["task"] = false,
        };
        if (Points is { } points)
        {
            meta["points"] = points;
        }
        if (Checksum is { } checksum)
        {
            meta["checksum"] = checksum;
        }
        cell.Metadata["nbgrader"] = meta;
    }

    /// <summary>"2 points", "1 point", "0.5 points".</summary>
    public static string PointsText(double points) =>
        $"{points.ToString("0.##", CultureInfo.InvariantCulture)} point{(points == 1 ? "" : "s")}";

    private static bool Flag(JsonObject meta, string name) =>
        meta[name] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;
}
