namespace Precast;

/// <summary>
/// Marks a <see langword="partial"/> class as a Precast model. The layer attributes that follow it
/// on the same declaration ([Dense], [Relu], [Flatten], ... and finally [Loss]) declare the
/// network in order; the source generator checks every shape at compile time and emits the
/// forward pass, backward pass, buffers and training step for exactly that network.
/// </summary>
/// <example>
/// <code>
/// [Model(Input = [1, 28, 28])]
/// [Flatten]
/// [Dense(128, Name = "Hidden"), Relu]
/// [Dense(10, Name = "Output")]
/// [Loss(Loss.SoftmaxCrossEntropy)]
/// public partial class FashionMlp;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>
    /// The shape of one input sample, without the batch dimension: <c>[784]</c> for a vector,
    /// <c>[channels, height, width]</c> for an image. Every dimension must be positive.
    /// </summary>
    public int[] Input { get; set; } = [];

    /// <summary>The element type of every buffer the model holds. Defaults to <see cref="Precast.Precision.Single"/>.</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>
    /// When <see langword="true"/>, Backward also computes the gradient with respect to the model's
    /// input (exposed as <c>InputGradient</c>), for saliency maps, adversarial examples or chaining
    /// models. Off by default because the first layer can then skip that work.
    /// </summary>
    public bool InputGradient { get; set; }
}
