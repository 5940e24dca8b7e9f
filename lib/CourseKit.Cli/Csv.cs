using System.Text;

namespace CourseKit.Cli;

/// <summary>RFC 4180 CSV: fields separated by commas, a field in double quotes may hold commas, line breaks and
/// doubled quotes. Each row keeps the line it started on, for messages.</summary>
internal static class Csv
{
    /// <summary>The rows of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">A quoted field is not closed, or text follows its closing quote.</exception>
    public static IReadOnlyList<(IReadOnlyList<string> Fields, int Line)> Parse(string text)
    {
        var rows = new List<(IReadOnlyList<string>, int)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                var start = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"line {start}: a quoted field is not closed");
                    }
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        line += text[i] == '\n' ? 1 : 0;
                        field.Append(text[i++]);
                    }
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"line {line}: text after the closing quote of a field");
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    rows.Add((fields, rowLine));
                    fields = [];
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    i++;
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add((fields, rowLine));
        }
        return rows;
    }
}
