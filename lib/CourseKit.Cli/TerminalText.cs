using System.Globalization;
using System.Text;

namespace CourseKit.Cli;

/// <summary>Text from a file or folder name made safe to print: control characters (an escape sequence could rewrite
/// what a terminal shows) become visible escapes such as <c>\x1b</c>.</summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        if (!text.Any(IsControl))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            safe.Append(IsControl(c) ? $"\\x{((int)c).ToString("x2", CultureInfo.InvariantCulture)}" : c.ToString());
        }
        return safe.ToString();
    }

    // C0 and C1 controls, and the bidirectional overrides that reorder what follows them.
    private static bool IsControl(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
