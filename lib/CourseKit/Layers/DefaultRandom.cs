namespace CourseKit.Layers;

/// <summary>
/// Where a layer, cell or model draws its initial weights when it is given no <see cref="Random"/>: one sequence for
/// the whole program, seeded with 0 when the program starts (as after PyTorch's <c>torch.manual_seed(0)</c>).
/// </summary>
/// <remarks>
/// Each module built without a generator gets its own, seeded from the next number of this sequence. So two cells
/// built one after the other differ, and a notebook run again from a fresh kernel builds the same weights. Pass
/// <c>new Random(seed)</c> to a constructor to make one module's weights independent of what was built before it,
/// or call <see cref="Seed"/> to start the sequence again.
/// </remarks>
public static class DefaultRandom
{
    private static readonly Lock Gate = new();
    private static Random sequence = new(0);

    /// <summary>Starts the sequence again from <paramref name="seed"/> (PyTorch: <c>torch.manual_seed(seed)</c>).</summary>
    public static void Seed(int seed)
    {
        lock (Gate) sequence = new Random(seed);
    }

    /// <summary>A generator for one module, seeded from the next number of the sequence.</summary>
    public static Random Next()
    {
        lock (Gate) return new Random(sequence.Next());
    }
}
