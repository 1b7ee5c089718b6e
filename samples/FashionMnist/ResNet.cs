using Precast;

namespace FashionMnist;

// A small ResNet (He et al., 2016) with squeeze-and-excitation (Hu et al., 2018) on 28×28 images:
// a stem, then three stages of 16, 32 and 64 channels at 28×28, 14×14 and 7×7, each of two
// residual blocks; every block's branch is two 3×3 convolutions with batch normalization, scaled
// channel by channel by its SE gate. The first block of the second and third stages halves the
// resolution with a stride of 2, and its shortcut is a strided 1×1 convolution (the projection).
// Blocks are fixed in size, so each width has its own classes.

/// <summary>Squeeze-and-excitation for 16 channels: s = sigmoid(W2·relu(W1·GAP(u))), reduction 4.</summary>
[Block]
[GlobalAvgPool2D, Dense(4, Bias = false), Relu, Dense(16, Bias = false), Sigmoid]
public sealed class Excite16;

/// <summary>Squeeze-and-excitation for 32 channels.</summary>
[Block]
[GlobalAvgPool2D, Dense(8, Bias = false), Relu, Dense(32, Bias = false), Sigmoid]
public sealed class Excite32;

/// <summary>Squeeze-and-excitation for 64 channels.</summary>
[Block]
[GlobalAvgPool2D, Dense(16, Bias = false), Relu, Dense(64, Bias = false), Sigmoid]
public sealed class Excite64;

/// <summary>The branch of a 16-channel block: conv, BN, ReLU, conv, BN, SE.</summary>
[Block]
[Conv2D(16, 3, Pad = 1, Bias = false), BatchNorm, Relu]
[Conv2D(16, 3, Pad = 1, Bias = false), BatchNorm]
[Scale(typeof(Excite16), Name = "SE")]
public sealed class Branch16;

/// <summary>The branch of a 32-channel block that keeps the resolution.</summary>
[Block]
[Conv2D(32, 3, Pad = 1, Bias = false), BatchNorm, Relu]
[Conv2D(32, 3, Pad = 1, Bias = false), BatchNorm]
[Scale(typeof(Excite32), Name = "SE")]
public sealed class Branch32;

/// <summary>The branch of the block that enters the 32-channel stage: its first convolution halves the resolution.</summary>
[Block]
[Conv2D(32, 3, Stride = 2, Pad = 1, Bias = false), BatchNorm, Relu]
[Conv2D(32, 3, Pad = 1, Bias = false), BatchNorm]
[Scale(typeof(Excite32), Name = "SE")]
public sealed class Down32;

/// <summary>The branch of a 64-channel block that keeps the resolution.</summary>
[Block]
[Conv2D(64, 3, Pad = 1, Bias = false), BatchNorm, Relu]
[Conv2D(64, 3, Pad = 1, Bias = false), BatchNorm]
[Scale(typeof(Excite64), Name = "SE")]
public sealed class Branch64;

/// <summary>The branch of the block that enters the 64-channel stage.</summary>
[Block]
[Conv2D(64, 3, Stride = 2, Pad = 1, Bias = false), BatchNorm, Relu]
[Conv2D(64, 3, Pad = 1, Bias = false), BatchNorm]
[Scale(typeof(Excite64), Name = "SE")]
public sealed class Down64;

/// <summary>The shortcut of the block entering the 32-channel stage: a strided 1×1 convolution and BN.</summary>
[Block]
[Conv2D(32, 1, Stride = 2, Bias = false), BatchNorm]
public sealed class Project32;

/// <summary>The shortcut of the block entering the 64-channel stage.</summary>
[Block]
[Conv2D(64, 1, Stride = 2, Bias = false), BatchNorm]
public sealed class Project64;

/// <summary>A small SE-ResNet for Fashion-MNIST: 28×28 → 16×28×28 → 32×14×14 → 64×7×7 → 10 classes.</summary>
[Model(Input = [1, 28, 28])]
[Conv2D(16, 3, Pad = 1, Bias = false, Name = "Stem"), BatchNorm(Name = "StemNorm"), Relu]
[Residual(typeof(Branch16), Name = "Block1"), Relu]
[Residual(typeof(Branch16), Name = "Block2"), Relu]
[Residual(typeof(Down32), Projection = typeof(Project32), Name = "Block3"), Relu]
[Residual(typeof(Branch32), Name = "Block4"), Relu]
[Residual(typeof(Down64), Projection = typeof(Project64), Name = "Block5"), Relu]
[Residual(typeof(Branch64), Name = "Block6"), Relu]
[GlobalAvgPool2D(Name = "Pool")]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ResNet;
