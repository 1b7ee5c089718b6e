using Precast;

namespace FashionMnist;

// A small Inception network (Szegedy et al., 2015) with Inception-v3's factorized kernels
// (Szegedy et al., 2016): each module runs four branches side by side on the same input and
// concatenates their channels: a 1×1 convolution; a 1×1 bottleneck then 3×3; a 1×1 bottleneck then
// a 7×7 field factorized into 1×7 and 7×1 (two thin convolutions instead of one 7×7, 14 weights per
// channel pair instead of 49); and 3×3 average pooling then 1×1. The bottlenecks keep the cost down:
// Summary() lists each branch's multiplies.

/// <summary>Branch 1 of module A: 1×1 to 16 channels.</summary>
[Block]
[Conv2D(16, 1, Bias = false), BatchNorm, Relu]
public sealed class A1x1;

/// <summary>Branch 2 of module A: 1×1 bottleneck to 16, then 3×3 to 24.</summary>
[Block]
[Conv2D(16, 1, Bias = false), BatchNorm, Relu]
[Conv2D(24, 3, Padding = Padding.Same, Bias = false), BatchNorm, Relu]
public sealed class A3x3;

/// <summary>Branch 3 of module A: 1×1 bottleneck to 8, then a factorized 7×7 (1×7, 7×1) to 12.</summary>
[Block]
[Conv2D(8, 1, Bias = false), BatchNorm, Relu]
[Conv2D(12, 1, 7, Padding = Padding.Same, Bias = false), BatchNorm, Relu]
[Conv2D(12, 7, 1, Padding = Padding.Same, Bias = false), BatchNorm, Relu]
public sealed class A7x7;

/// <summary>Branch 4 of module A: 3×3 average pooling at stride 1, then 1×1 to 12.</summary>
[Block]
[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
[Conv2D(12, 1, Bias = false), BatchNorm, Relu]
public sealed class APool;

/// <summary>Branch 1 of module B: 1×1 to 32 channels.</summary>
[Block]
[Conv2D(32, 1, Bias = false), BatchNorm, Relu]
public sealed class B1x1;

/// <summary>Branch 2 of module B: 1×1 bottleneck to 24, then 3×3 to 48.</summary>
[Block]
[Conv2D(24, 1, Bias = false), BatchNorm, Relu]
[Conv2D(48, 3, Padding = Padding.Same, Bias = false), BatchNorm, Relu]
public sealed class B3x3;

/// <summary>Branch 3 of module B: 1×1 bottleneck to 16, then a factorized 7×7 to 24.</summary>
[Block]
[Conv2D(16, 1, Bias = false), BatchNorm, Relu]
[Conv2D(24, 1, 7, Padding = Padding.Same, Bias = false), BatchNorm, Relu]
[Conv2D(24, 7, 1, Padding = Padding.Same, Bias = false), BatchNorm, Relu]
public sealed class B7x7;

/// <summary>Branch 4 of module B: 3×3 average pooling at stride 1, then 1×1 to 24.</summary>
[Block]
[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
[Conv2D(24, 1, Bias = false), BatchNorm, Relu]
public sealed class BPool;

/// <summary>A small Inception network: stem, module A (64 channels at 14×14), module B (128 at 7×7), pooling, classes.</summary>
[Model(Input = [1, 28, 28])]
[Conv2D(32, 3, Pad = 1, Bias = false, Name = "Stem"), BatchNorm(Name = "StemNorm"), Relu, MaxPool2D(2)]   // [32, 14, 14]
[Concat(typeof(A1x1), typeof(A3x3), typeof(A7x7), typeof(APool), Names = ["Branch1x1", "Branch3x3", "Branch7x7", "BranchPool"], Name = "ModuleA")]
[MaxPool2D(2)]                                                                                          // [64, 7, 7]
[Concat(typeof(B1x1), typeof(B3x3), typeof(B7x7), typeof(BPool), Names = ["Branch1x1", "Branch3x3", "Branch7x7", "BranchPool"], Name = "ModuleB")]
[GlobalAvgPool2D(Name = "Pool")]
[Dropout(0.2), Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class Inception;
