using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Cuts every cell's outputs down to a budget of characters, so a submission that prints megabytes still gets a
/// readable feedback page and a small executed notebook. Text is kept from the start; the rest is replaced by a line
/// saying how much was cut.
/// </summary>
internal static class OutputCap
{
    /// <summary>Characters of output kept per cell.</summary>
    public const int PerCell = 20_000;

    /// <summary>Truncates in place; returns the numbers (1-based) of the cells that were cut and how much was cut.</summary>
    public static IReadOnlyList<(int Cell, long Cut)> Apply(Ipynb notebook, int perCell = PerCell)
    {
        var cut = new List<(int, long)>();
        foreach (var cell in notebook.Cells)
        {
            long budget = perCell;
            long removed = 0;
            foreach (var output in cell.Outputs)
            {
                removed += Cap(output.Json, "text", ref budget);
                removed += Cap(output.Json, "evalue", ref budget);
                if (output.Json["data"] is JsonObject data)
                {
                    foreach (var mime in data.Select(p => p.Key).ToList())
                    {
                        removed += Cap(data, mime, ref budget);
                    }
                }
            }
            if (removed > 0)
            {
                cut.Add((cell.Number, removed));
            }
        }
        return cut;
    }

    private static long Cap(JsonObject holder, string name, ref long budget)
    {
        if (!holder.ContainsKey(name) || holder[name] is JsonObject)
        {
            return 0;
        }
        var text = JsonText.Read(holder[name]);
        if (text.Length <= budget)
        {
            budget -= text.Length;
            return 0;
        }
        var kept = (int)Math.Max(0, budget);
        budget = 0;
        holder[name] = JsonText.Write(text[..kept] + $"\n[… {text.Length - kept} more characters cut by the grader]\n");
        return text.Length - kept;
    }
}
