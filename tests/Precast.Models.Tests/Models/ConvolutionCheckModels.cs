using Precast;

namespace Precast.Models.Tests.Models;

// Double-precision models for finite-difference checks of the convolution layers, each isolating
// one layer and one option so that a wrong derivative points at its emitter or kernel. The inputs
// are non-square wherever the layer allows, so that a swapped height and width cannot pass. The
// algorithm comment on each Conv2D is the generator's choice for that geometry
// (ConvolutionAlgorithm.For: depthwise when groups = channels, pointwise for an unpadded stride-1
// 1×1 kernel, direct loops at stride 1 for at most 6 filters per group with a kernel of at least 5×5
// positions and at most 150 taps, im2col otherwise); tests/Precast.Generator.Tests/ConvolutionAlgorithmChoiceTests
// checks that the emitted code makes that choice.

// ── Conv2D ──

/// <summary>Direct loops: a 5×5 kernel, 2·5·5 = 50 taps, 3 filters: 2 × 3 outputs.</summary>
[Model(Input = [2, 6, 7], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 5)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DDirectCheck;

/// <summary>im2col: a 3×3 kernel (direct loops take 5×5 and more), 20·3·3 = 180 taps.</summary>
[Model(Input = [20, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DIm2ColCheck;

/// <summary>im2col: 20 filters, more than direct loops take (6).</summary>
[Model(Input = [2, 4, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(20, 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DManyFiltersCheck;

/// <summary>im2col (stride 2 across rows): (7 − 3)/2 + 1 = 3 rows, (9 − 3)/2 + 1 = 4 columns.</summary>
[Model(Input = [2, 7, 9], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, Stride = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DStride2Check;

/// <summary>Striding down the rows only (im2col, as every strided window): 4 × 5 outputs.</summary>
[Model(Input = [2, 9, 7], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, StrideHeight = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DRowStrideCheck;

/// <summary>im2col striding across the rows only, with a 2×3 kernel: 5 × 3 outputs.</summary>
[Model(Input = [2, 6, 9], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 2, 3, StrideWidth = 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DColumnStrideCheck;

/// <summary>Direct loops over a zero border: a 5×5 kernel with Pad = 2 keeps 5 × 6.</summary>
[Model(Input = [2, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 5, Pad = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DPadDirectCheck;

/// <summary>im2col over a zero border of 2 with a 4×4 kernel at stride 2: 3 × 3 outputs.</summary>
[Model(Input = [5, 5, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(4, 4, Stride = 2, Pad = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DPadIm2ColCheck;

/// <summary>Direct loops (5×5), a different padding on each side: (5 + 1 + 0 − 5) + 1 = 2 rows, (6 + 2 + 1 − 5) + 1 = 5 columns.</summary>
[Model(Input = [2, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(2, 5, PadTop = 1, PadBottom = 0, PadLeft = 2, PadRight = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DSidePadDirectCheck;

/// <summary>im2col (a 3×3 kernel, 180 taps), a different padding on each side.</summary>
[Model(Input = [20, 4, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, PadTop = 0, PadBottom = 2, PadLeft = 1, PadRight = 0)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DSidePadIm2ColCheck;

/// <summary>Same at stride 1 with an even kernel: 3 padding rows and columns, 1 before and 2 after.</summary>
[Model(Input = [2, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 4, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DSameEvenKernelCheck;

/// <summary>
/// Same at stride 2 on an even input: ⌈8/2⌉ = 4 rows need (4 − 1)·2 + 3 − 8 = 1 padding row, all
/// after (none before); ⌈6/2⌉ = 3 columns the same. The asymmetric case PyTorch cannot express with one number.
/// </summary>
[Model(Input = [3, 8, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, Stride = 2, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DSameStride2Check;

/// <summary>Direct loops with dilation 2: a 9×9 extent from a 5×5 kernel, 2 × 3 outputs.</summary>
[Model(Input = [2, 10, 11], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 5, Dilation = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DDilationCheck;

/// <summary>im2col (a 3×3 kernel, 20·3·3 = 180 taps) with a different dilation per axis (2 down, 3 across) and padding.</summary>
[Model(Input = [20, 6, 8], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, DilationHeight = 2, DilationWidth = 3, Pad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DAxisDilationCheck;

/// <summary>Direct loops in 2 groups: 4 channels, 6 filters, each group 2 channels to 3 filters through a 5×5 kernel (Pad = 1: 3 × 4 outputs).</summary>
[Model(Input = [4, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(6, 5, Groups = 2, Pad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DGroupsDirectCheck;

/// <summary>im2col in 2 groups: 40 channels, a 3×3 kernel, 20·3·3 = 180 taps per group.</summary>
[Model(Input = [40, 4, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(4, 3, Groups = 2, Pad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DGroupsIm2ColCheck;

/// <summary>Groups = channels: the depthwise kernel with two filters per channel.</summary>
[Model(Input = [3, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(6, 3, Groups = 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DGroupsEqualChannelsCheck;

/// <summary>No bias, direct loops (5×5, Pad = 1: 3 × 4 outputs).</summary>
[Model(Input = [2, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 5, Pad = 1, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DWithoutBiasDirectCheck;

/// <summary>No bias, im2col (3×3).</summary>
[Model(Input = [20, 4, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DWithoutBiasIm2ColCheck;

/// <summary>Inception v3's factorized 1×7 kernel, padded to keep the width (im2col: 7 positions, fewer than direct loops take).</summary>
[Model(Input = [2, 4, 9], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 1, 7, PadLeft = 3, PadRight = 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DOneBySevenCheck;

/// <summary>The 7×1 kernel, Same padding (im2col: 7 positions, 24·7 = 168 taps).</summary>
[Model(Input = [24, 8, 3], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 7, 1, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DSevenByOneCheck;

/// <summary>1×1: a matrix product per sample (pointwise).</summary>
[Model(Input = [3, 4, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(5, 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DPointwiseCheck;

/// <summary>1×1 in 2 groups without bias (pointwise, one product per group).</summary>
[Model(Input = [4, 3, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2D(6, 1, Groups = 2, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DPointwiseGroupsCheck;

/// <summary>1×1 at stride 2: not pointwise (it skips positions), im2col.</summary>
[Model(Input = [3, 5, 7], Precision = Precision.Double, InputGradient = true)]
[Conv2D(4, 1, Stride = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DStridedOneByOneCheck;

/// <summary>1×1 with padding: not pointwise (the border outputs are the bias alone), im2col.</summary>
[Model(Input = [3, 3, 4], Precision = Precision.Double, InputGradient = true)]
[Conv2D(4, 1, Pad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DPaddedOneByOneCheck;

// ── Conv1D ──

[Model(Input = [3, 10], Precision = Precision.Double, InputGradient = true)]
[Conv1D(4, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv1DCheck;

/// <summary>Stride 2, padding 1, dilation 2: (11 + 2 − 5)/2 + 1 = 5 positions.</summary>
[Model(Input = [3, 11], Precision = Precision.Double, InputGradient = true)]
[Conv1D(4, 3, Stride = 2, Pad = 1, Dilation = 2)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv1DStridePadDilationCheck;

/// <summary>Two groups, Same padding with an even kernel (1 before, 2 after), no bias.</summary>
[Model(Input = [4, 9], Precision = Precision.Double, InputGradient = true)]
[Conv1D(6, 4, Groups = 2, Padding = Padding.Same, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv1DGroupsSameCheck;

/// <summary>TextCNN's shape: many channels (an embedding of 60) and a window of 3, im2col.</summary>
[Model(Input = [60, 7], Precision = Precision.Double, InputGradient = true)]
[Conv1D(5, 3, PadLeft = 2, PadRight = 0)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv1DWideCheck;

// ── Conv2DTranspose ──

[Model(Input = [3, 4, 5], Precision = Precision.Double, InputGradient = true)]
[Conv2DTranspose(2, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DTransposeCheck;

/// <summary>Stride 2 with padding 1: (4 − 1)·2 − 2 + 3 = 7 rows, (3 − 1)·2 − 2 + 3 = 5 columns.</summary>
[Model(Input = [3, 4, 3], Precision = Precision.Double, InputGradient = true)]
[Conv2DTranspose(4, 3, Stride = 2, Pad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DTransposeStridePadCheck;

/// <summary>Stride 2, padding 1, output padding 1: 8 × 6, twice the input, as a decoder uses it.</summary>
[Model(Input = [3, 4, 3], Precision = Precision.Double, InputGradient = true)]
[Conv2DTranspose(2, 3, Stride = 2, Pad = 1, OutputPad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DTransposeOutputPadCheck;

/// <summary>Same at stride 2 with a 4×3 kernel (Keras): 3·2 = 6 rows, 4·2 = 8 columns.</summary>
[Model(Input = [2, 3, 4], Precision = Precision.Double, InputGradient = true)]
[Conv2DTranspose(3, 4, 3, Stride = 2, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DTransposeSameCheck;

/// <summary>Two groups (4 channels, 6 filters), dilation 2, per-axis stride, no bias.</summary>
[Model(Input = [4, 3, 4], Precision = Precision.Double, InputGradient = true)]
[Conv2DTranspose(6, 2, 3, Groups = 2, Dilation = 2, StrideHeight = 2, StrideWidth = 1, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class Conv2DTransposeGroupsCheck;

// ── DepthwiseConv2D and SeparableConv2D ──

[Model(Input = [3, 5, 6], Precision = Precision.Double, InputGradient = true)]
[DepthwiseConv2D(3)]
[Loss(Loss.MeanSquaredError)]
public partial class DepthwiseCheck;

/// <summary>Two filters per channel, a 3×2 kernel, padding and no bias.</summary>
[Model(Input = [3, 5, 6], Precision = Precision.Double, InputGradient = true)]
[DepthwiseConv2D(3, 2, DepthMultiplier = 2, Pad = 1, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class DepthwiseMultiplierCheck;

/// <summary>Stride 2 with Same padding on an even input (asymmetric), dilation 1.</summary>
[Model(Input = [4, 8, 6], Precision = Precision.Double, InputGradient = true)]
[DepthwiseConv2D(3, Stride = 2, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class DepthwiseStrideCheck;

[Model(Input = [3, 5, 6], Precision = Precision.Double, InputGradient = true)]
[SeparableConv2D(4, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class SeparableCheck;

/// <summary>Multiplier 2, stride 2, Same padding, a 3×2 depthwise kernel.</summary>
[Model(Input = [2, 7, 6], Precision = Precision.Double, InputGradient = true)]
[SeparableConv2D(5, 3, 2, DepthMultiplier = 2, Stride = 2, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class SeparableStrideCheck;

// ── Pooling ──

[Model(Input = [2, 6, 8], Precision = Precision.Double, InputGradient = true)]
[MaxPool2D(2)]
[Loss(Loss.MeanSquaredError)]
public partial class MaxPoolCheck;

/// <summary>Overlapping 3×3 windows at stride 2 (AlexNet's pooling), a 2×3 window elsewhere.</summary>
[Model(Input = [2, 7, 9], Precision = Precision.Double, InputGradient = true)]
[MaxPool2D(3, Stride = 2)]
[MaxPool2D(2, 3, Stride = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class MaxPoolOverlappingCheck;

/// <summary>Padding 1 around 3×3 windows at stride 2, then Same on an odd input.</summary>
[Model(Input = [2, 7, 5], Precision = Precision.Double, InputGradient = true)]
[MaxPool2D(3, Stride = 2, Pad = 1)]
[MaxPool2D(2, Padding = Padding.Same)]
[Loss(Loss.MeanSquaredError)]
public partial class MaxPoolPaddedCheck;

[Model(Input = [2, 6, 8], Precision = Precision.Double, InputGradient = true)]
[AvgPool2D(2, 4)]
[Loss(Loss.MeanSquaredError)]
public partial class AvgPoolCheck;

/// <summary>Padding 1 around 3×3 windows at stride 2: border windows divide by the values they hold, not 9.</summary>
[Model(Input = [2, 7, 5], Precision = Precision.Double, InputGradient = true)]
[AvgPool2D(3, Stride = 2, Pad = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class AvgPoolPaddedCheck;

/// <summary>Same on odd sizes (the last window holds one row, or column, fewer), then overlapping windows.</summary>
[Model(Input = [2, 5, 7], Precision = Precision.Double, InputGradient = true)]
[AvgPool2D(2, Padding = Padding.Same)]
[AvgPool2D(2, Stride = 1)]
[Loss(Loss.MeanSquaredError)]
public partial class AvgPoolSameCheck;

/// <summary>Windows of 3 at stride 2 with padding 1 along a [channels, length] input: (11 + 2 − 3)/2 + 1 = 6, then 3.</summary>
[Model(Input = [3, 11], Precision = Precision.Double, InputGradient = true)]
[MaxPool1D(3, Stride = 2, Pad = 1)]
[MaxPool1D(2)]
[Loss(Loss.MeanSquaredError)]
public partial class MaxPool1DCheck;

[Model(Input = [3, 4, 5], Precision = Precision.Double, InputGradient = true)]
[GlobalAvgPool2D]
[Loss(Loss.MeanSquaredError)]
public partial class GlobalAvgPoolCheck;

[Model(Input = [3, 4, 5], Precision = Precision.Double, InputGradient = true)]
[GlobalMaxPool2D]
[Loss(Loss.MeanSquaredError)]
public partial class GlobalMaxPoolCheck;

// ── Padding, cropping, upsampling, reshaping ──

/// <summary>Each form of ZeroPadding2D: all sides, (rows, columns), (top, bottom, left, right).</summary>
[Model(Input = [2, 3, 4], Precision = Precision.Double, InputGradient = true)]
[ZeroPadding2D(1)]
[ZeroPadding2D(2, 0)]
[ZeroPadding2D(0, 1, 3, 2)]
[Conv2D(2, 3, Name = "Mix")]
[Loss(Loss.MeanSquaredError)]
public partial class ZeroPaddingCheck;

/// <summary>Each form of Cropping2D.</summary>
[Model(Input = [2, 9, 10], Precision = Precision.Double, InputGradient = true)]
[Cropping2D(1)]
[Cropping2D(1, 0)]
[Cropping2D(0, 2, 3, 1)]
[Conv2D(2, 2, Name = "Mix")]
[Loss(Loss.MeanSquaredError)]
public partial class CroppingCheck;

[Model(Input = [2, 3, 4], Precision = Precision.Double, InputGradient = true)]
[UpSampling2D(2)]
[UpSampling2D(1, 3)]
[Conv2D(2, 3, Name = "Mix")]
[Loss(Loss.MeanSquaredError)]
public partial class UpSamplingCheck;

/// <summary>[24] → [4, 6] (a sequence for Conv1D) → [2, 2, -1] (an image) → Flatten.</summary>
[Model(Input = [24], Precision = Precision.Double, InputGradient = true)]
[Reshape(4, -1)]
[Conv1D(3, 3)]
[Reshape(3, 2, 2)]
[Conv2D(2, 2, Pad = 1)]
[Flatten]
[Loss(Loss.MeanSquaredError)]
public partial class ReshapeCheck;

// ── BatchNorm and Dropout2D ──

/// <summary>BatchNorm1d over the features of a [5] sample, after a layer so γ and β meet gradients that differ.</summary>
[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Dense(5), BatchNorm, Tanh]
[Dense(3)]
[Loss(Loss.MeanSquaredError)]
public partial class BatchNormFeaturesCheck;

/// <summary>BatchNorm1d over the channels of a [C, L] sample.</summary>
[Model(Input = [3, 7], Precision = Precision.Double, InputGradient = true)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3)]
[Conv1D(2, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class BatchNormSequenceCheck;

/// <summary>BatchNorm2d over the channels of a [C, H, W] sample, between convolutions.</summary>
[Model(Input = [2, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Conv2D(3, 3, Pad = 1), BatchNorm, Tanh]
[Conv2D(2, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class BatchNormImageCheck;

/// <summary>
/// Dropout2D on the input, then a convolution: a dropped channel of a sample has an input gradient
/// of exactly zero, so the test can see that the mask it checks against drops some channels and keeps others.
/// </summary>
[Model(Input = [4, 5, 6], Precision = Precision.Double, InputGradient = true)]
[Dropout2D(0.5)]
[Conv2D(3, 3)]
[Loss(Loss.MeanSquaredError)]
public partial class Dropout2DCheck;

/// <summary>Dropout2D alone at rate 0.25 (survivors scaled by 4/3), for the exact check of its mask.</summary>
[Model(Input = [5, 2, 3], Precision = Precision.Double, InputGradient = true)]
[Dropout2D(0.25)]
[Loss(Loss.MeanSquaredError)]
public partial class Dropout2DOnly;
