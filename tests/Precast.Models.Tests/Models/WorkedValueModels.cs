using Precast;

namespace Precast.Models.Tests.Models;

// The networks of the worked values in DESIGN.md §6 (from the seed documents), declared as a user
// would: each figure is checked through the generated model, not a kernel alone.

/// <summary>The seeds' 3×3 kernel over a 5×5 image, stride 1, no padding: a 3×3 output.</summary>
[Model(Input = [1, 5, 5])]
[Conv2D(1, 3, Bias = false, Name = "Conv")]
public partial class WorkedConvolution;

/// <summary>Stride 2, no padding: (5 − 3)/2 + 1 = 2.</summary>
[Model(Input = [1, 5, 5])]
[Conv2D(1, 3, Stride = 2, Bias = false, Name = "Conv")]
public partial class WorkedStridedConvolution;

/// <summary>Stride 2, Same: ⌈5/2⌉ = 3 outputs need (3 − 1)·2 + 3 − 5 = 2 padding rows, one on each side.</summary>
[Model(Input = [1, 5, 5])]
[Conv2D(1, 3, Stride = 2, Padding = Padding.Same, Bias = false, Name = "Conv")]
public partial class WorkedSameConvolution;

[Model(Input = [1, 4, 4])]
[MaxPool2D(2)]
public partial class WorkedMaxPool;

[Model(Input = [1, 4, 4])]
[AvgPool2D(2)]
public partial class WorkedAvgPool;

/// <summary>ZeroPadding2D(2) of a 32×32 RGB image (channels first here: [3, 32, 32]).</summary>
[Model(Input = [3, 32, 32])]
[ZeroPadding2D(2)]
public partial class WorkedZeroPadding;

[Model(Input = [3, 5, 7])]
[UpSampling2D(2)]
public partial class WorkedUpSampling;

/// <summary>
/// LeNet-5 as seed 004 builds it for a 32×32 input: 6 5×5 filters, average pooling, 16 5×5 filters,
/// average pooling, then Dense 120, 84 and 10 (tanh, as LeCun's).
/// </summary>
[Model(Input = [1, 32, 32])]
[Conv2D(6, 5, Name = "C1"), Tanh]
[AvgPool2D(2, Name = "S2")]
[Conv2D(16, 5, Name = "C3"), Tanh]
[AvgPool2D(2, Name = "S4")]
[Flatten]
[Dense(120, Name = "C5"), Tanh]
[Dense(84, Name = "F6"), Tanh]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class LeNet5;

/// <summary>Inception's 5×5 branch without a bottleneck: 28·28·32 outputs of 5·5·192 multiplies each.</summary>
[Model(Input = [192, 28, 28])]
[Conv2D(32, 5, Padding = Padding.Same, Name = "Direct")]
public partial class InceptionDirect5x5;

/// <summary>The same branch behind a 16-channel 1×1 bottleneck.</summary>
[Model(Input = [192, 28, 28])]
[Conv2D(16, 1, Name = "Bottleneck")]
[Conv2D(32, 5, Padding = Padding.Same, Name = "Conv5x5")]
public partial class InceptionBottleneck5x5;

/// <summary>Squeeze-and-excitation for C = 256 with reduction r = 16: 256 → 16 → 256 weights, no biases.</summary>
[Block]
[GlobalAvgPool2D]
[Dense(16, Bias = false, Name = "Squeeze"), Relu]
[Dense(256, Bias = false, Name = "Excite"), Sigmoid]
public sealed class SqueezeExcitation256;

[Model(Input = [256, 4, 4])]
[Scale(typeof(SqueezeExcitation256), Name = "SE")]
public partial class SqueezeExcitationBlock;
