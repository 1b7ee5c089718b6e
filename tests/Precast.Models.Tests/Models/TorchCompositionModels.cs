using Precast;

namespace Precast.Models.Tests.Models;

// Single-precision models matching the cases of tests/fixtures/torch_compositions.py one for one:
// each composition on its own (no loss, so the test drives Backward with the fixture's upstream
// gradient), and one residual MLP with a loss. Blocks keep their layers' default names (Dense1,
// Relu1, ...) and the compositions are named as the torch modules are, so the checkpoint names in
// ParameterTensors equal torch's state_dict names ("Block.Projection.Dense1.weight", ...).

/// <summary>
/// The residual branch F: [4] → [6] → [4]. Used at [5] too, where it changes the width and the
/// residual needs a projection: a block at two shapes, two pieces of code.
/// </summary>
[Block]
[Dense(6), Relu]
[Dense(4)]
public sealed class TorchResidualBranch;

/// <summary>The projection P of the shortcut: a linear map to the branch's width.</summary>
[Block]
[Dense(4, Bias = false)]
public sealed class TorchShortcutProjection;

[Block]
[Dense(4), Tanh]
public sealed class TorchTanhLayer;

[Block]
[Dense(3), Relu]
public sealed class TorchNarrowRelu;

[Block]
[Dense(4)]
public sealed class TorchLinearMap;

[Block]
[Dense(4), Sigmoid]
public sealed class TorchSigmoidGate;

/// <summary>A squeeze-and-excitation gate for [4, 5] inputs: one value in (0, 1) per channel.</summary>
[Block]
[Flatten, Dense(4), Sigmoid]
public sealed class TorchChannelGate;

/// <summary>A residual block, then a tanh: the unit the repeat copies.</summary>
[Block]
[Residual(typeof(TorchResidualBranch)), Tanh]
public sealed class TorchResidualTanh;

[Block]
[Dense(3), Tanh]
public sealed class TorchThreeTanh;

[Block]
[Dense(5), Relu]
public sealed class TorchFiveRelu;

/// <summary>A residual branch holding a concat: [4] → [3] ‖ [5] → [4].</summary>
[Block]
[Concat(typeof(TorchThreeTanh), typeof(TorchFiveRelu))]
[Dense(4)]
public sealed class TorchConcatBranch;

[Model(Input = [4], InputGradient = true)]
[Residual(typeof(TorchResidualBranch), Name = "Block")]
public partial class TorchResidual;

[Model(Input = [5], InputGradient = true)]
[Residual(typeof(TorchResidualBranch), Projection = typeof(TorchShortcutProjection), Name = "Block")]
public partial class TorchResidualProjection;

[Model(Input = [4], InputGradient = true)]
[Concat(typeof(TorchTanhLayer), typeof(TorchNarrowRelu), Names = ["Wide", "Thin"], Name = "Mixed")]
public partial class TorchConcatNamed;

[Model(Input = [4], InputGradient = true)]
[Concat(typeof(TorchTanhLayer), typeof(TorchNarrowRelu), Name = "Mixed")]
public partial class TorchConcatIndexed;

[Model(Input = [4], InputGradient = true)]
[Sum(typeof(TorchTanhLayer), typeof(TorchLinearMap), typeof(TorchResidualBranch), Name = "Merge")]
public partial class TorchSumThree;

[Model(Input = [4, 5], InputGradient = true)]
[Scale(typeof(TorchChannelGate), Name = "Excite")]
public partial class TorchScaleChannels;

[Model(Input = [4], InputGradient = true)]
[Highway(typeof(TorchTanhLayer), typeof(TorchSigmoidGate), Name = "Highway")]
public partial class TorchHighway;

[Model(Input = [4], InputGradient = true)]
[Repeat(typeof(TorchResidualTanh), 3, Name = "Stage")]
public partial class TorchRepeatResidual;

[Model(Input = [4], InputGradient = true)]
[Residual(typeof(TorchConcatBranch), Name = "Block")]
public partial class TorchNestedResidualConcat;

/// <summary>Dense on the last axis of a [3, 5] sample, as nn.Linear applies: the same weights at each of the 3 positions.</summary>
[Model(Input = [3, 5], InputGradient = true)]
[Dense(4, Name = "Layer")]
public partial class TorchDenseLastAxis;

[Model(Input = [6], InputGradient = true)]
[Dense(4, Name = "Stem"), Relu]
[Residual(typeof(TorchResidualBranch), Name = "Block"), Relu]
[Dense(3, Name = "Head")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchResidualClassifier;
