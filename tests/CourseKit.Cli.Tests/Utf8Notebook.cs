using System.Text;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Writes a notebook, byte by byte, in which every 4096-byte boundary of the file falls inside a character of 2, 3 or
/// 4 bytes (é, ∂, 𝜎 in turn): each code cell holds a string of one such character that straddles the next boundary.
/// Each cell checks the string's exact length inside the kernel and prints it, so both directions are tested.
/// </summary>
internal static class Utf8Notebook
{
    private static readonly (string Char, int Width)[] Characters = [("é", 2), ("∂", 3), ("𝜎", 4)];

    /// <summary>Writes the notebook; returns each boundary with the width of the character it splits, and each cell's expected stdout.</summary>
    public static (IReadOnlyList<(long Offset, int Width)> Boundaries, IReadOnlyList<string> Expected) Write(string path, int cells = 18)
    {
        var text = new StringBuilder();
        text.Append("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}}, "cells": [""");
        var boundaries = new List<(long, int)>();
        var expected = new List<string>();
        for (var k = 0; k < cells; k++)
        {
            var (character, width) = Characters[k % Characters.Length];
            text.Append(k > 0 ? ", " : "").Append("{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": null, \"outputs\": [], \"source\": \"var s = \\\"");
            long start = Encoding.UTF8.GetByteCount(text.ToString());
            var boundary = (start / 4096 + 1) * 4096;
            var pad = (boundary - start) % width == 0 ? 1 : 0;
            var count = (int)((boundary - start - pad) / width) + 4;
            var value = new string('x', pad) + string.Concat(Enumerable.Repeat(character, count));
            text.Append(value)
                .Append($"\\\";\\nif (s.Length != {value.Length}) throw new Exception($\\\"length {{s.Length}}, expected {value.Length}\\\");\\nConsole.Write(s);\"}}");
            boundaries.Add((boundary, width));
            expected.Add(value);
        }
        text.Append("]}\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        File.WriteAllBytes(path, bytes);
        // Every boundary in the file is inside a character: the byte there continues a multi-byte sequence.
        for (long b = 4096; b < bytes.Length; b += 4096)
        {
            if ((bytes[b] & 0xC0) != 0x80 || !boundaries.Any(x => x.Item1 == b))
            {
                throw new InvalidOperationException($"byte {b} of the test notebook does not split a character");
            }
        }
        return (boundaries, expected);
    }
}
