namespace Precast;

/// <summary>
/// The loss the model trains with; it comes after the last layer. It decides the generated
/// <c>TrainStep</c> signature (integer class labels or real-valued targets) and what
/// <c>Predict</c> returns.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <summary>Uses <paramref name="kind"/> as the model's loss.</summary>
    public LossAttribute(Loss kind) => Kind = kind;

    /// <summary>Which loss.</summary>
    public Loss Kind { get; }
}

/// <summary>The losses a model can train with. Every loss is the mean over the batch, as in PyTorch.</summary>
public enum Loss
{
    /// <summary>
    /// Softmax followed by cross-entropy against integer class labels, computed together from the
    /// logits (<c>loss = logsumexp(x) - x[label]</c>). The output is a vector of class scores;
    /// <c>Predict</c> returns class probabilities. PyTorch: <c>nn.CrossEntropyLoss</c>.
    /// </summary>
    SoftmaxCrossEntropy = 0,

    /// <summary>
    /// Sigmoid followed by binary cross-entropy, computed stably from the logits
    /// (<c>max(x, 0) - x·z + log(1 + exp(-|x|))</c>) against targets <c>z</c> in [0, 1]; mean over
    /// every output. <c>Predict</c> returns probabilities. PyTorch: <c>nn.BCEWithLogitsLoss</c>.
    /// </summary>
    SigmoidBinaryCrossEntropy = 1,

    /// <summary>
    /// Mean squared error <c>mean((y - t)²)</c> over every output against real-valued targets.
    /// PyTorch: <c>nn.MSELoss</c>.
    /// </summary>
    MeanSquaredError = 2,
}
