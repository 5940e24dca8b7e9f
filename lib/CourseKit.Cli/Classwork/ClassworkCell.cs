using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>One cell of a classwork source notebook, with its role and the versions that assign and grade write.</summary>
public sealed class ClassworkCell
{
    private ClassworkCell(IpynbCell cell, NbgraderCell? meta)
    {
        Number = cell.Number;
        CellType = cell.CellType;
        Source = cell.Source.Replace("\r\n", "\n");
        Meta = meta;
        var options = cell.Metadata["coursekit"] as JsonObject;
        IsParameters = options is not null && options["parameters"] is JsonValue p && p.TryGetValue<bool>(out var isP) && isP;
        PartialCredit = options is not null && options["partial_credit"] is JsonValue c && c.TryGetValue<bool>(out var isC) && isC;
        Answers = options?["answers"] as JsonObject;
        Functions = options?["functions"] as JsonObject;
        Kind = meta switch
        {
            null => ClassworkCellKind.Ordinary,
            _ when IsParameters => ClassworkCellKind.Parameters,
            { Solution: true } => ClassworkCellKind.Solution,
            { Grade: true } => ClassworkCellKind.Test,
            _ => ClassworkCellKind.ReadOnly,
        };
    }

    /// <summary>1-based position in the source notebook.</summary>
    public int Number { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType { get; }

    /// <summary>The teacher's source, with "\n" line ends.</summary>
    public string Source { get; }

    /// <summary>The nbgrader metadata, or null for an ordinary cell.</summary>
    public NbgraderCell? Meta { get; }

    /// <summary>The cell's id (nbgrader's grade_id), or null for an ordinary cell.</summary>
    public string? Id => Meta?.GradeId;

    /// <summary>The cell's role.</summary>
    public ClassworkCellKind Kind { get; }

    /// <summary>Marked <c>"coursekit": {"parameters": true}</c>: holds the seed line.</summary>
    public bool IsParameters { get; }

    /// <summary>
    /// Marked <c>"coursekit": {"partial_credit": true}</c>: a test that may earn part of its points by printing a line
    /// <c>partial credit: X</c> (X in points; the last such line counts, clamped to 0 … points).
    /// </summary>
    public bool PartialCredit { get; }

    /// <summary>An answer cell's answers as its metadata lists them (<c>"coursekit": {"answers": {"z": "double"}}</c>), or null.</summary>
    public JsonObject? Answers { get; }

    /// <summary>
    /// An answer cell's functions as its metadata lists them
    /// (<c>"coursekit": {"functions": {"Sigmoid": {"parameters": 1, "inputs": "probes"}}}</c>), or null.
    /// </summary>
    public JsonObject? Functions { get; }

    /// <summary>The points of a test cell; 0 for any other.</summary>
    public double Points => Kind == ClassworkCellKind.Test ? Meta?.Points ?? 0 : 0;

    /// <summary>True for a test cell with a <c>// BEGIN HIDDEN TESTS</c> region.</summary>
    public bool HasHiddenTests => RegionMarkers.Contains(Source, RegionMarkers.Kind.HiddenTests);

    /// <summary>Restored from the source at grading, whatever the student sent.</summary>
    public bool IsRestored => Kind is ClassworkCellKind.ReadOnly or ClassworkCellKind.Test or ClassworkCellKind.Parameters;

    /// <summary>Reads a notebook cell.</summary>
    public static ClassworkCell From(IpynbCell cell) => new(cell, NbgraderCell.Read(cell));

    /// <summary>What the student sees: solutions replaced, hidden tests removed, the seed written in.</summary>
    public string StudentSource(int? seed) => Kind switch
    {
        ClassworkCellKind.Solution => RegionMarkers.ReplaceSolutions(Source),
        ClassworkCellKind.Test => RegionMarkers.RemoveHiddenTests(Source),
        ClassworkCellKind.Parameters when seed is { } s => StudentSeed.Write(Source, s),
        _ => Source,
    };

    /// <summary>What grading runs in place of a restored cell: the hidden tests back in, the student's seed, absolute kit paths.</summary>
    public string GradingSource(int? seed, string sourceFolder)
    {
        var text = Kind switch
        {
            ClassworkCellKind.Test => RegionMarkers.UnmarkHiddenTests(Source),
            ClassworkCellKind.Parameters when seed is { } s => StudentSeed.Write(Source, s),
            _ => Source,
        };
        return CellType == "code" ? KitReference.MakeAbsolute(text, sourceFolder) : text;
    }

    /// <summary>The checksum of the student version of this cell, as the released notebook records it.</summary>
    public string? StudentChecksum(int? seed) =>
        Meta is null ? null : CellChecksum.Compute(StudentSource(seed), CellType, Meta with { Checksum = null });

    /// <summary>"cell 7 'rnn-o1'" or "cell 3".</summary>
    public string Label => Id is null ? $"cell {Number}" : $"cell {Number} '{Id}'";
}
