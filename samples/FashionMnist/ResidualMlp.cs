using Precast;

namespace FashionMnist;

/// <summary>
/// Two dense layers that keep the width: the branch of a residual connection, y = x + F(x).
/// A block has no input shape of its own; the generator checks it where a model uses it.
/// </summary>
[Block]
[Dense(128), Relu, Dropout(0.1)]
[Dense(128)]
public sealed class TwoDense;

/// <summary>A residual block: the input plus the branch, then a ReLU, as in ResNet.</summary>
[Block]
[Residual(typeof(TwoDense), Name = "Skip"), Relu]
public sealed class ResidualBlock;

/// <summary>
/// A residual network over 28×28 grey images: a dense stem, two residual blocks with their own
/// weights (Blocks.0 and Blocks.1 in the checkpoint, as PyTorch names an nn.Sequential), a head.
/// </summary>
[Model(Input = [1, 28, 28])]
[Flatten]
[Dense(128, Name = "Stem"), Relu]
[Repeat(typeof(ResidualBlock), 2, Name = "Blocks")]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ResidualMlp;
