using Precast;

namespace FashionMnist;

/// <summary>
/// The network: a multilayer perceptron over 28×28 grey images. The generator turns these
/// attributes into FashionMlp.g.cs (see obj/ or "Go to definition"), checking every shape.
/// </summary>
[Model(Input = [1, 28, 28])]
[Flatten]
[Dense(256, Name = "Hidden1"), Relu]
[Dense(128, Name = "Hidden2"), Relu, Dropout(0.1)]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class FashionMlp;
