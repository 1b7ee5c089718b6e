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
