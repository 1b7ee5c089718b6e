namespace Precast;

/// <summary>How a convolution or pooling window treats the borders of its input.</summary>
public enum Padding
{
    /// <summary>
    /// No padding beyond the explicit <c>Pad</c> values (0 by default): the window only visits
    /// positions where it fits, as Keras's <c>padding="valid"</c> and PyTorch's <c>padding=0</c>.
    /// </summary>
    Valid,

    /// <summary>
    /// Zeros around the input so that the output has ⌈input / stride⌉ positions per axis, as Keras's
    /// and TensorFlow's <c>padding="same"</c>: the total padding is
    /// <c>max((⌈in / stride⌉ − 1)·stride + dilation·(kernel − 1) + 1 − in, 0)</c>, of which the top
    /// (left) side gets ⌊total / 2⌋ and the bottom (right) side the rest. At stride 1 this is
    /// PyTorch's <c>padding="same"</c>.
    /// </summary>
    Same,
}
