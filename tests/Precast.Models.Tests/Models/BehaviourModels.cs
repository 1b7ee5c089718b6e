using Precast;

namespace Precast.Models.Tests.Models;

/// <summary>A small image classifier with every part of the public API: views, dropout, a classification loss.</summary>
[Model(Input = [1, 4, 4])]
[Flatten]
[Dense(8, Name = "Hidden"), Relu, Dropout(0.5)]
[Dense(3, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class SmallClassifier;

/// <summary>Dropout alone, in double precision, so its mask can be read back from y / x.</summary>
[Model(Input = [1000], Precision = Precision.Double, InputGradient = true)]
[Dropout(0.3)]
[Loss(Loss.MeanSquaredError)]
public partial class DropoutOnly;

/// <summary>A binary classifier, for Predict's sigmoid link.</summary>
[Model(Input = [4])]
[Dense(2, Name = "Logits")]
[Loss(Loss.SigmoidBinaryCrossEntropy)]
public partial class TwoLabels;

/// <summary>A model without a loss: inference and custom gradients only.</summary>
[Model(Input = [3])]
[Dense(2), Tanh]
public partial class NoLoss;

/// <summary>
/// A float image classifier with every stateful and scratch-using part of the convolutional family,
/// for the allocation test: every convolution path (direct, im2col, depthwise, pointwise, transposed;
/// ConvolutionAlgorithmChoiceTests keeps it so), BatchNorm (running statistics moved by every
/// training step), Dropout2D (a mask drawn every step), pooling, upsampling, cropping and a [Concat] skip.
/// </summary>
[Model(Input = [3, 12, 10])]
[Conv2D(6, 5, Pad = 2), BatchNorm, Relu, Dropout2D(0.25)]
[SeparableConv2D(8, 3, Padding = Padding.Same), BatchNorm, Relu]
[MaxPool2D(2)]
[Concat(typeof(ConvSkip), typeof(ConvLower))]
[Conv2D(16, 3, Stride = 2, Pad = 1), BatchNorm, Relu, Dropout2D(0.5)]
[Conv2DTranspose(8, 2, Stride = 2), AvgPool2D(2, Stride = 1, Pad = 1)]
[GlobalAvgPool2D, Dense(5)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvBatchNormClassifier;

/// <summary>The skip of <see cref="ConvBatchNormClassifier"/>: a 1×1 convolution of the [8, 6, 5] map.</summary>
[Block]
[Conv2D(4, 1), BatchNorm]
public sealed class ConvSkip;

/// <summary>The lower path of <see cref="ConvBatchNormClassifier"/>: down to [8, 3, 3] and back up to [8, 6, 6], cropped to [8, 6, 5].</summary>
[Block]
[MaxPool2D(2, Padding = Padding.Same), DepthwiseConv2D(3, Pad = 1), BatchNorm, Relu, UpSampling2D(2), Cropping2D(0, 0, 0, 1)]
public sealed class ConvLower;
