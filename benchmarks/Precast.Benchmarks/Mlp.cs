namespace Precast.Benchmarks;

/// <summary>
/// The MLP 784-128-10 with ReLU and softmax cross-entropy, the smallest benchmarked network; the
/// same network benchmarks/compare/networks.py builds in PyTorch (<c>mlp()</c>).
/// </summary>
[Model(Input = [1, 28, 28])]
[Flatten]
[Dense(128, Name = "Hidden"), Relu]
[Dense(10, Name = "Output")]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class Mlp;
