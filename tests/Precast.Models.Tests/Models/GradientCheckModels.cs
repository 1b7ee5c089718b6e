using Precast;

namespace Precast.Models.Tests.Models;

// Double-precision models for finite-difference gradient checks: each isolates one layer kind or
// loss, so a wrong derivative points straight at its emitter or kernel. InputGradient = true lets
// the check cover dx as well as the parameter gradients.

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(4, Name = "Layer")]
[Loss(Loss.MeanSquaredError)]
public partial class DenseCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(3, Bias = false)]
[Loss(Loss.MeanSquaredError)]
public partial class DenseWithoutBiasCheck;

[Model(Input = [7], Precision = Precision.Double, InputGradient = true)]
[Relu]
[Loss(Loss.MeanSquaredError)]
public partial class ReluCheck;

[Model(Input = [7], Precision = Precision.Double, InputGradient = true)]
[LeakyRelu(Slope = 0.1)]
[Loss(Loss.MeanSquaredError)]
public partial class LeakyReluCheck;

[Model(Input = [7], Precision = Precision.Double, InputGradient = true)]
[Sigmoid]
[Loss(Loss.MeanSquaredError)]
public partial class SigmoidCheck;

[Model(Input = [7], Precision = Precision.Double, InputGradient = true)]
[Tanh]
[Loss(Loss.MeanSquaredError)]
public partial class TanhCheck;

[Model(Input = [7], Precision = Precision.Double, InputGradient = true)]
[Gelu]
[Loss(Loss.MeanSquaredError)]
public partial class GeluCheck;

[Model(Input = [7], Precision = Precision.Double, InputGradient = true)]
[Gelu(Approximate = true)]
[Loss(Loss.MeanSquaredError)]
public partial class GeluTanhCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Softmax]
[Loss(Loss.MeanSquaredError)]
public partial class SoftmaxCheck;

[Model(Input = [2, 3], Precision = Precision.Double, InputGradient = true)]
[Flatten, Dense(2)]
[Loss(Loss.MeanSquaredError)]
public partial class FlattenCheck;

[Model(Input = [6], Precision = Precision.Double, InputGradient = true)]
[Dense(6), Dropout(0.5), Dense(3)]
[Loss(Loss.MeanSquaredError)]
public partial class DropoutCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(4)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class CrossEntropyCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(3)]
[Loss(Loss.SigmoidBinaryCrossEntropy)]
public partial class BinaryCrossEntropyCheck;

// Every layer kind in one network, to check the wiring between layers as well as each layer.
[Model(Input = [2, 3], Precision = Precision.Double, InputGradient = true)]
[Flatten, Dense(8), LeakyRelu(Slope = 0.05), Dense(8), Gelu, Dense(6), Tanh, Dense(6), Relu, Dense(5), Sigmoid, Dense(4), Softmax, Dense(3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class DeepCheck;
