using Precast;

namespace Precast.Models.Tests.Models;

// One small network per loss and precision, for the trainer's tests: 4 inputs, 3 outputs.

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class FitSoftmaxFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class FitSoftmaxDouble;

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.SigmoidBinaryCrossEntropy)]
public partial class FitSigmoidFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.SigmoidBinaryCrossEntropy)]
public partial class FitSigmoidDouble;

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.MeanSquaredError)]
public partial class FitSquaredFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.MeanSquaredError)]
public partial class FitSquaredDouble;

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.MeanAbsoluteError)]
public partial class FitAbsoluteFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.MeanAbsoluteError)]
public partial class FitAbsoluteDouble;

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.Huber, Delta = 0.5)]
public partial class FitHuberFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.Huber, Delta = 0.5)]
public partial class FitHuberDouble;

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.SoftmaxCrossEntropyWithProbabilities)]
public partial class FitProbabilitiesFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.SoftmaxCrossEntropyWithProbabilities)]
public partial class FitProbabilitiesDouble;

[Model(Input = [4])]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.KLDivergence)]
public partial class FitDivergenceFloat;

[Model(Input = [4], Precision = Precision.Double)]
[Dense(8), Tanh, Dense(3)]
[Loss(Loss.KLDivergence)]
public partial class FitDivergenceDouble;
