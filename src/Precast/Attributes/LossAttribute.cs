namespace Precast;

/// <summary>
/// The loss the model trains with; it comes after the last layer. It decides the generated
/// <c>TrainStep</c> signature (integer class labels or real-valued targets) and what
/// <c>Predict</c> returns. Options a loss takes are named arguments, checked at compile time:
/// <c>[Loss(Loss.SoftmaxCrossEntropy, LabelSmoothing = 0.1)]</c>, <c>[Loss(Loss.Huber, Delta = 0.5)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <summary>Uses <paramref name="kind"/> as the model's loss.</summary>
    public LossAttribute(Loss kind) => Kind = kind;

    /// <summary>Which loss.</summary>
    public Loss Kind { get; }

    /// <summary>
    /// Label smoothing ε for <see cref="Loss.SoftmaxCrossEntropy"/> and
    /// <see cref="Loss.SoftmaxCrossEntropyWithProbabilities"/>, from 0 (none, the default) to 1: the
    /// target becomes <c>(1 − ε)·target + ε/classes</c>, as PyTorch's <c>label_smoothing</c>.
    /// </summary>
    public double LabelSmoothing { get; set; }

    /// <summary>
    /// δ for <see cref="Loss.Huber"/>: where the loss turns from quadratic to linear; positive, 1 by
    /// default, as PyTorch's <c>delta</c>.
    /// </summary>
    public double Delta { get; set; } = 1;
}

/// <summary>
/// The losses a model can train with. Every loss is a mean over the batch, as PyTorch's default
/// reduction: over every output for the elementwise losses, over the samples for the ones that
/// compare whole rows. docs/losses.md gives each formula and its PyTorch equivalent.
/// </summary>
public enum Loss
{
    /// <summary>
    /// Softmax followed by cross-entropy against integer class labels, computed together from the
    /// logits (<c>loss = logsumexp(x) - x[label]</c>). The output is a vector of class scores;
    /// <c>Predict</c> returns class probabilities. Takes <see cref="LossAttribute.LabelSmoothing"/>.
    /// PyTorch: <c>nn.CrossEntropyLoss</c> with class indices.
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

    /// <summary>
    /// Softmax followed by cross-entropy against a probability distribution per sample (one-hot rows
    /// or soft targets), from the logits: <c>loss = -Σ t·log softmax(x)</c>, mean over the samples.
    /// Targets are one value per output; <c>Predict</c> returns class probabilities. Takes
    /// <see cref="LossAttribute.LabelSmoothing"/>. PyTorch: <c>nn.CrossEntropyLoss</c> with
    /// probability targets.
    /// </summary>
    SoftmaxCrossEntropyWithProbabilities = 3,

    /// <summary>
    /// Mean absolute error <c>mean(|y - t|)</c> over every output against real-valued targets.
    /// PyTorch: <c>nn.L1Loss</c>.
    /// </summary>
    MeanAbsoluteError = 4,

    /// <summary>
    /// Huber loss over every output against real-valued targets: <c>½(y - t)²</c> where
    /// <c>|y - t| &lt; δ</c>, else <c>δ·(|y - t| - ½δ)</c>. Takes <see cref="LossAttribute.Delta"/>.
    /// PyTorch: <c>nn.HuberLoss</c>.
    /// </summary>
    Huber = 5,

    /// <summary>
    /// Kullback–Leibler divergence of the model's softmax distribution from a target distribution
    /// per sample: the outputs are logits, <c>loss = Σ t·(log t - log softmax(x))</c>, mean over the
    /// samples. Targets are one probability per output; <c>Predict</c> returns class probabilities.
    /// PyTorch: <c>nn.KLDivLoss(reduction="batchmean")</c> applied to <c>log_softmax</c> of the outputs.
    /// </summary>
    KLDivergence = 6,
}
