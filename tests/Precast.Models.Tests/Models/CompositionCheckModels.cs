using Precast;

namespace Precast.Models.Tests.Models;

// Double-precision models for finite-difference checks through every composition. Tanh keeps
// every function smooth (no kinks for finite differences to straddle), and each block is small so
// the check stays fast.

[Block]
[Dense(4), Tanh]
[Dense(4)]
public sealed class TanhPair;

[Block]
[Dense(3), Tanh]
public sealed class Narrow;

[Block]
[Dense(4)]
public sealed class Project4;

[Block]
[Dense(4), Sigmoid]
public sealed class Gate4;

/// <summary>A squeeze-and-excitation style gate for [3, 4] inputs: one value per channel.</summary>
[Block]
[Flatten, Dense(3), Sigmoid]
public sealed class ChannelGate;

/// <summary>A residual block that ends in an activation: a nested block for repeats.</summary>
[Block]
[Residual(typeof(TanhPair)), Tanh]
public sealed class ResidualTanh;

/// <summary>Blocks inside blocks: a residual whose branch holds a concat of blocks.</summary>
[Block]
[Concat(typeof(Narrow), typeof(Narrow)), Dense(4)]
public sealed class Mixer;

[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Residual(typeof(TanhPair))]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class ResidualCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Residual(typeof(TanhPair), Projection = typeof(Project4))]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class ResidualProjectionCheck;

[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Concat(typeof(TanhPair), typeof(Narrow), Names = ["Wide", "Thin"])]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class ConcatCheck;

[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Sum(typeof(TanhPair), typeof(Project4))]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class SumCheck;

[Model(Input = [3, 4], Precision = Precision.Double, InputGradient = true)]
[Scale(typeof(ChannelGate))]
[Flatten, Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class ScaleCheck;

[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Highway(typeof(TanhPair), typeof(Gate4))]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class HighwayCheck;

[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Repeat(typeof(ResidualTanh), 3, Name = "Stage")]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class RepeatCheck;

[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Residual(typeof(Mixer)), Tanh]
[Dense(3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class NestedCheck;

/// <summary>The trunk's output is read by three consumers: the transform, the gate and the highway's join.</summary>
[Model(Input = [4], Precision = Precision.Double, InputGradient = true)]
[Dense(4, Name = "Trunk")]
[Highway(typeof(TanhPair), typeof(Gate4))]
[Sum(typeof(TanhPair), typeof(Project4), typeof(ResidualTanh))]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class ThreeConsumersCheck;

/// <summary>Without InputGradient the first layers skip their input gradients: the path most models take.</summary>
[Model(Input = [4], Precision = Precision.Double)]
[Repeat(typeof(ResidualTanh), 2)]
[Highway(typeof(TanhPair), typeof(Gate4))]
[Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class NoInputGradientCheck;
