namespace CourseKit.Regularization;

/// <summary>Which parameters a <see cref="WeightPenalty{T}"/> applies to.</summary>
public enum PenaltyScope
{
    /// <summary>
    /// Only weight matrices: parameters whose name ends in "W" (a Dense layer's "W", a model's "layer1.W").
    /// Biases ("b", "layer1.b") are left alone, the usual choice: a bias does not make the function wiggly.
    /// </summary>
    WeightsOnly,

    /// <summary>Every parameter, biases included (what PyTorch's optimizer <c>weight_decay</c> does).</summary>
    AllParameters,
}
