namespace CourseKit.Cli.Runner;

/// <summary>A cell about to run: for progress lines such as <c>[7/12] 07-simple-rnn  cell 14/31</c>.</summary>
/// <param name="Notebook">The notebook's name.</param>
/// <param name="Index">1-based position among the notebook's code cells.</param>
/// <param name="Count">How many code cells it has.</param>
/// <param name="Number">The cell's number among all cells, as errors report it.</param>
public sealed record CellProgress(string Notebook, int Index, int Count, int Number);
