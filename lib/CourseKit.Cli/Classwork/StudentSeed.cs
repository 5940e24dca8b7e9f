using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Per-student numbers. A parametric assignment has one locked cell with a line <c>var seed = 123;</c>; the exercise draws
/// its numbers from <c>new Random(seed)</c>. Each student's seed is derived from the assignment's salt and the student id,
/// so assign and grade compute the same seed without storing it anywhere the student could change.
/// </summary>
public static partial class StudentSeed
{
    /// <summary>Seeds lie in 1 … 999 999: short enough to read out in class.</summary>
    public const int Range = 999_999;

    /// <summary>The seed of <paramref name="studentId"/> for an assignment salted with <paramref name="salt"/>: SHA-256 of "salt\nid", first 4 bytes, mod 999 999, plus 1.</summary>
    public static int For(string salt, string studentId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(salt + "\n" + studentId));
        var value = BitConverter.ToUInt32(hash, 0);
        return (int)(value % Range) + 1;
    }

    /// <summary>The seed written in a parameters cell, or null when it has no single <c>var seed = N;</c> line.</summary>
    public static int? Read(string source)
    {
        var matches = SeedLine().Matches(source);
        return matches.Count == 1 ? int.Parse(matches[0].Groups["value"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The parameters cell with <paramref name="seed"/> written into its <c>var seed = N;</c> line.</summary>
    public static string Write(string source, int seed) =>
        SeedLine().Replace(source, m => m.Value.Replace(m.Groups["value"].Value, seed.ToString(CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^[ \t]*var[ \t]+seed[ \t]*=[ \t]*(?<value>-?\d+)[ \t]*;", RegexOptions.Multiline)]
    private static partial Regex SeedLine();
}
