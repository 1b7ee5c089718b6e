using Precast;

namespace Precast.Models.Tests.Models;

/// <summary>The sample's kind of network, smaller, for training tests on the shipped Fashion-MNIST subset.</summary>
[Model(Input = [1, 28, 28])]
[Flatten]
[Dense(64, Name = "Hidden"), Relu]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class FashionTestMlp;
