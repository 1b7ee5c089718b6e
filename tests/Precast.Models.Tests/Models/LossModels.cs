using Precast;

namespace Precast.Models.Tests.Models;

// The losses beyond the first three, each in double precision for the finite-difference checks and
// in float for the rest, with their options written on [Loss].

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(6), Tanh, Dense(4)]
[Loss(Loss.SoftmaxCrossEntropy, LabelSmoothing = 0.2)]
public partial class SmoothedCrossEntropyCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(6), Tanh, Dense(4)]
[Loss(Loss.SoftmaxCrossEntropyWithProbabilities, LabelSmoothing = 0.1)]
public partial class ProbabilityCrossEntropyCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(6), Tanh, Dense(4)]
[Loss(Loss.KLDivergence)]
public partial class KLDivergenceCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(6), Tanh, Dense(4)]
[Loss(Loss.MeanAbsoluteError)]
public partial class MeanAbsoluteErrorCheck;

[Model(Input = [5], Precision = Precision.Double, InputGradient = true)]
[Dense(6), Tanh, Dense(4)]
[Loss(Loss.Huber, Delta = 0.5)]
public partial class HuberCheck;

[Model(Input = [6])]
[Dense(8), Relu, Dense(5)]
[Loss(Loss.SoftmaxCrossEntropy, LabelSmoothing = 0.1)]
public partial class SmoothedClassifier;

[Model(Input = [6])]
[Dense(8), Relu, Dense(5)]
[Loss(Loss.SoftmaxCrossEntropyWithProbabilities)]
public partial class DistillationStudent;

[Model(Input = [6])]
[Dense(8), Relu, Dense(5)]
[Loss(Loss.KLDivergence)]
public partial class DivergenceStudent;

[Model(Input = [6])]
[Dense(8), Relu, Dense(5)]
[Loss(Loss.MeanAbsoluteError)]
public partial class AbsoluteRegressor;

[Model(Input = [6])]
[Dense(8), Relu, Dense(5)]
[Loss(Loss.Huber, Delta = 0.25)]
public partial class RobustRegressor;
