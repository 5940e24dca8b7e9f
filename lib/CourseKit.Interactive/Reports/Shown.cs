namespace CourseKit.Interactive.Reports;

/// <summary>What <see cref="Kit.Show"/> put on screen, so that a later <see cref="Update"/> can replace it (a progress line).</summary>
public sealed class Shown
{
    private readonly Action<object?> update;

    internal Shown(Action<object?> update) => this.update = update;

    /// <summary>Replaces what was shown with <paramref name="value"/>, in place.</summary>
    public void Update(object? value) => update(value);
}
