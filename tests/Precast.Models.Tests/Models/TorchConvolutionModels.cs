using Precast;

namespace Precast.Models.Tests.Models;

// Single-precision models matching the cases of tests/fixtures/torch_conv.py one for one. Each layer
// case is the layer alone, named "Layer" as the torch module is, without a loss (the test drives
// Backward with the fixture's upstream gradient); the network cases carry their loss. The torch
// padding of each case is written here as Precast's window settings: torch's padding=(1, 2) is
// PadTop = PadBottom = 1, PadLeft = PadRight = 2; F.pad(x, (left, right, top, bottom)) is the four
// per-side settings; Keras's Same is Padding.Same.

// ── Conv2D ──

/// <summary>Direct loops: 3 filters with a 5×5 kernel (2·5·5 = 50 taps), padding 1.</summary>
[Model(Input = [2, 6, 7], InputGradient = true)]
[Conv2D(3, 5, Pad = 1, Name = "Layer")]
public partial class TorchConv2DDirect;

[Model(Input = [8, 7, 7], InputGradient = true)]
[Conv2D(4, 3, Stride = 2, Pad = 1, Name = "Layer")]
public partial class TorchConv2DIm2ColStride2Pad1;

[Model(Input = [3, 7, 5], InputGradient = true)]
[Conv2D(3, 3, StrideHeight = 2, PadTop = 1, PadBottom = 1, PadLeft = 2, PadRight = 2, Name = "Layer")]
public partial class TorchConv2DRowStride;

[Model(Input = [2, 5, 9], InputGradient = true)]
[Conv2D(3, 2, 3, StrideWidth = 3, Name = "Layer")]
public partial class TorchConv2DColumnStride;

/// <summary>Direct loops (5×5, 3 filters) with a different padding on each side: 4 × 3 outputs.</summary>
[Model(Input = [2, 5, 6], InputGradient = true)]
[Conv2D(3, 5, PadTop = 1, PadBottom = 2, PadLeft = 0, PadRight = 1, Name = "Layer")]
public partial class TorchConv2DSidePadsDirect;

[Model(Input = [20, 4, 5], InputGradient = true)]
[Conv2D(5, 3, PadTop = 0, PadBottom = 2, PadLeft = 1, PadRight = 0, Name = "Layer")]
public partial class TorchConv2DSidePadsIm2Col;

[Model(Input = [3, 8, 6], InputGradient = true)]
[Conv2D(4, 3, Stride = 2, Padding = Padding.Same, Name = "Layer")]
public partial class TorchConv2DSameStride2;

[Model(Input = [2, 5, 6], InputGradient = true)]
[Conv2D(3, 3, 4, Padding = Padding.Same, Name = "Layer")]
public partial class TorchConv2DSameEvenKernel;

[Model(Input = [4, 7, 8], InputGradient = true)]
[Conv2D(6, 3, Dilation = 2, Groups = 2, Name = "Layer")]
public partial class TorchConv2DDilationGroups;

[Model(Input = [8, 6, 8], InputGradient = true)]
[Conv2D(3, 3, DilationHeight = 2, DilationWidth = 3, Pad = 1, Name = "Layer")]
public partial class TorchConv2DAxisDilation;

[Model(Input = [40, 4, 5], InputGradient = true)]
[Conv2D(4, 3, Groups = 2, Pad = 1, Name = "Layer")]
public partial class TorchConv2DGroupsIm2Col;

[Model(Input = [3, 5, 6], InputGradient = true)]
[Conv2D(6, 3, Groups = 3, Name = "Layer")]
public partial class TorchConv2DGroupsEqualChannels;

[Model(Input = [2, 4, 5], InputGradient = true)]
[Conv2D(10, 2, Name = "Layer")]
public partial class TorchConv2DManyFilters;

[Model(Input = [20, 4, 5], InputGradient = true)]
[Conv2D(3, 3, Bias = false, Name = "Layer")]
public partial class TorchConv2DWithoutBias;

[Model(Input = [12, 3, 9], InputGradient = true)]
[Conv2D(4, 1, 7, PadLeft = 3, PadRight = 3, Name = "Layer")]
public partial class TorchConv2DOneBySeven;

[Model(Input = [2, 9, 3], InputGradient = true)]
[Conv2D(4, 7, 1, PadTop = 3, PadBottom = 3, Name = "Layer")]
public partial class TorchConv2DSevenByOne;

[Model(Input = [6, 4, 5], InputGradient = true)]
[Conv2D(5, 1, Name = "Layer")]
public partial class TorchConv2DPointwise;

[Model(Input = [6, 3, 5], InputGradient = true)]
[Conv2D(9, 1, Groups = 3, Bias = false, Name = "Layer")]
public partial class TorchConv2DPointwiseGroups;

/// <summary>17·9 = 153 taps and 9 filters (im2col): a wide layer, with remainders across a vector.</summary>
[Model(Input = [17, 4, 5], InputGradient = true)]
[Conv2D(9, 3, Pad = 1, Name = "Layer")]
public partial class TorchConv2DWide;

// ── Conv1D ──

[Model(Input = [4, 11], InputGradient = true)]
[Conv1D(3, 3, Stride = 2, Pad = 1, Dilation = 2, Name = "Layer")]
public partial class TorchConv1DStridePadDilation;

[Model(Input = [4, 9], InputGradient = true)]
[Conv1D(6, 4, Groups = 2, Padding = Padding.Same, Bias = false, Name = "Layer")]
public partial class TorchConv1DGroupsSame;

[Model(Input = [60, 7], InputGradient = true)]
[Conv1D(5, 3, PadLeft = 2, PadRight = 0, Name = "Layer")]
public partial class TorchConv1DEmbedding;

// ── Conv2DTranspose ──

[Model(Input = [3, 4, 5], InputGradient = true)]
[Conv2DTranspose(2, 3, Name = "Layer")]
public partial class TorchConv2DTranspose;

[Model(Input = [3, 4, 3], InputGradient = true)]
[Conv2DTranspose(2, 3, Stride = 2, Pad = 1, OutputPad = 1, Name = "Layer")]
public partial class TorchConv2DTransposeOutputPad;

[Model(Input = [4, 3, 4], InputGradient = true)]
[Conv2DTranspose(6, 2, 3, StrideHeight = 2, Dilation = 2, Groups = 2, Bias = false, Name = "Layer")]
public partial class TorchConv2DTransposeGroups;

[Model(Input = [2, 3, 4], InputGradient = true)]
[Conv2DTranspose(3, 4, 3, Stride = 2, Padding = Padding.Same, Name = "Layer")]
public partial class TorchConv2DTransposeSame;

/// <summary>A 2×2 window at stride 3: Same gives 3·3 = 9 rows, of which every third is the bias alone.</summary>
[Model(Input = [2, 3, 2], InputGradient = true)]
[Conv2DTranspose(2, 2, Stride = 3, Padding = Padding.Same, Name = "Layer")]
public partial class TorchConv2DTransposeSameShortKernel;

// ── DepthwiseConv2D, SeparableConv2D ──

[Model(Input = [3, 7, 7], InputGradient = true)]
[DepthwiseConv2D(3, DepthMultiplier = 2, Stride = 2, Pad = 1, Name = "Layer")]
public partial class TorchDepthwiseMultiplier;

[Model(Input = [4, 5, 6], InputGradient = true)]
[DepthwiseConv2D(3, 2, Bias = false, Name = "Layer")]
public partial class TorchDepthwiseWithoutBias;

[Model(Input = [3, 6, 5], InputGradient = true)]
[SeparableConv2D(5, 3, DepthMultiplier = 2, Padding = Padding.Same, Name = "Layer")]
public partial class TorchSeparable;

// ── Pooling ──

[Model(Input = [2, 7, 9], InputGradient = true)]
[MaxPool2D(3, Stride = 2, Pad = 1)]
public partial class TorchMaxPoolPadded;

[Model(Input = [2, 6, 9], InputGradient = true)]
[MaxPool2D(2, 3)]
public partial class TorchMaxPoolRectangle;

[Model(Input = [2, 5, 7], InputGradient = true)]
[MaxPool2D(2, Padding = Padding.Same)]
public partial class TorchMaxPoolSame;

[Model(Input = [2, 7, 9], InputGradient = true)]
[AvgPool2D(3, Stride = 2, Pad = 1)]
public partial class TorchAvgPoolPadded;

[Model(Input = [2, 6, 8], InputGradient = true)]
[AvgPool2D(2, 4)]
public partial class TorchAvgPoolRectangle;

[Model(Input = [2, 5, 7], InputGradient = true)]
[AvgPool2D(2, Padding = Padding.Same)]
public partial class TorchAvgPoolSame;

[Model(Input = [3, 11], InputGradient = true)]
[MaxPool1D(3, Stride = 2, Pad = 1)]
public partial class TorchMaxPool1D;

[Model(Input = [3, 4, 5], InputGradient = true)]
[GlobalAvgPool2D]
public partial class TorchGlobalAvgPool;

[Model(Input = [3, 4, 5], InputGradient = true)]
[GlobalMaxPool2D]
public partial class TorchGlobalMaxPool;

// ── Padding, cropping, upsampling, reshaping, channel dropout ──

[Model(Input = [2, 3, 4], InputGradient = true)]
[ZeroPadding2D(1, 2, 3, 0)]
public partial class TorchZeroPadding;

[Model(Input = [2, 6, 5], InputGradient = true)]
[Cropping2D(0, 2, 1, 1)]
public partial class TorchCropping;

[Model(Input = [2, 3, 4], InputGradient = true)]
[UpSampling2D(2, 3)]
public partial class TorchUpSampling;

[Model(Input = [2, 3, 4], InputGradient = true)]
[Reshape(3, -1)]
public partial class TorchReshape;

[Model(Input = [3, 2, 3], InputGradient = true)]
[Dropout2D(0.5)]
public partial class TorchDropout2D;

[Model(Input = [3, 2, 3], InputGradient = true)]
[Dropout2D(0)]
public partial class TorchDropout2DRateZero;

/// <summary>Dropout2D over 16 channels of 2×3 values, for the statistics of its mask in training.</summary>
[Model(Input = [16, 2, 3], InputGradient = true)]
[Dropout2D(0.3)]
public partial class TorchDropout2DStatistics;

// ── BatchNorm ──

[Model(Input = [5], InputGradient = true)]
[BatchNorm(Name = "Layer")]
public partial class TorchBatchNormFeatures;

[Model(Input = [3, 6], InputGradient = true)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3, Name = "Layer")]
public partial class TorchBatchNormChannels;

[Model(Input = [3, 4, 5], InputGradient = true)]
[BatchNorm(Name = "Layer")]
public partial class TorchBatchNormImage;

// ── Networks ──

[Model(Input = [1, 14, 10], InputGradient = true)]
[Conv2D(4, 3, Name = "C1"), Relu, MaxPool2D(2)]
[Conv2D(6, 3, Pad = 1, Name = "C2"), Relu, AvgPool2D(2)]
[Flatten, Dense(3, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchLeNetLike;

/// <summary>The residual branch of <see cref="TorchSmallResNet"/>, its layers under their default names as the torch module's children.</summary>
[Block]
[Conv2D(4, 3, Pad = 1, Bias = false), BatchNorm, Relu]
[Conv2D(4, 3, Pad = 1, Bias = false), BatchNorm]
public sealed class TorchBatchNormBranch;

[Model(Input = [2, 6, 5], InputGradient = true)]
[Conv2D(4, 3, Pad = 1, Bias = false, Name = "Stem"), BatchNorm(Name = "StemNorm"), Relu]
[Residual(typeof(TorchBatchNormBranch), Name = "Block"), Relu]
[GlobalAvgPool2D, Dense(3, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchSmallResNet;
